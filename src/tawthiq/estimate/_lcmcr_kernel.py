"""The Gibbs sampler of the LCMCR model, compiled with numba: counts in, draws of N out.

Model (Manrique-Vallier 2016, Biometrics 72:1246): each person belongs to one of K latent classes; within a
class the lists capture independently, list j with probability lambda[j, k] ~ Beta(1, 1). Class weights
follow a stick-breaking (truncated Dirichlet process) prior with concentration alpha ~ Gamma(a, b), and N
has the improper prior p(N) proportional to 1/N, as in the LCMCR R package.

Hand-written because no Python package implements this sampler; it works on cell counts rather than
people: people with the same capture pattern are exchangeable, so drawing the class memberships of a cell
as one multinomial is the same Gibbs step as drawing each person's class, and it makes an iteration cost
O(cells x K x lists) whatever N is. Compiled with ``nogil`` so chains run in parallel threads; numba's
random state is per thread and seeded at the start of each chain, so a chain's draws depend only on its
seed. Never: touches a file, a database or Python's global random state.
"""

from __future__ import annotations

import numpy as np
from numba import njit

__all__ = ["gibbs_chain"]


@njit(cache=True, nogil=True)
def _multinomial_into(n, probs, out):
    """Draw Multinomial(n, probs) into ``out`` by sequential binomials (probs sum to 1)."""
    rest = 1.0
    left = n
    k_max = probs.shape[0]
    for k in range(k_max):
        if left <= 0:
            out[k] = 0
            continue
        if k == k_max - 1:
            out[k] = left
            break
        p = probs[k] / rest if rest > 0.0 else 1.0
        if p >= 1.0:
            out[k] = left
            left = 0
        elif p <= 0.0:
            out[k] = 0
        else:
            d = np.random.binomial(left, p)
            out[k] = d
            left -= d
        rest -= probs[k]
    return out


@njit(cache=True, nogil=True)
def gibbs_chain(cells, counts, K, a_alpha, b_alpha, iterations, burn_in, thin, seed):
    """Run one chain; return (N draws, alpha draws, occupied-class draws), one per kept iteration.

    ``cells``: (C, J) int8 capture patterns; ``counts``: (C,) int64 people per pattern.
    """
    np.random.seed(seed)
    C, J = cells.shape
    n_obs = 0
    for c in range(C):
        n_obs += counts[c]
    lam = np.empty((J, K))
    for j in range(J):
        for k in range(K):
            lam[j, k] = np.random.uniform(0.05, 0.95)
    pi = np.full(K, 1.0 / K)
    v = np.zeros(K)
    alpha = 1.0
    probs = np.empty(K)
    draw = np.zeros(K, dtype=np.int64)
    m = np.zeros(K, dtype=np.int64)  # people per class (observed + unobserved)
    s = np.zeros((J, K), dtype=np.int64)  # captures per list and class
    n_keep = (iterations - burn_in) // thin
    out_n = np.empty(n_keep, dtype=np.int64)
    out_alpha = np.empty(n_keep)
    out_k = np.empty(n_keep, dtype=np.int64)
    kept = 0
    for it in range(iterations):
        m[:] = 0
        s[:, :] = 0
        # 1. (n0, classes of the unobserved) jointly: n0 ~ NegBin(n, 1 - pi0), then a multinomial.
        pi0 = 0.0
        for k in range(K):
            q = pi[k]
            for j in range(J):
                q *= 1.0 - lam[j, k]
            probs[k] = q
            pi0 += q
        p_success = 1.0 - pi0
        if p_success < 1e-12:
            p_success = 1e-12
        n0 = np.random.negative_binomial(n_obs, p_success)
        if pi0 > 0.0:
            for k in range(K):
                probs[k] /= pi0
            _multinomial_into(n0, probs, draw)
            for k in range(K):
                m[k] += draw[k]
        # 2. classes of the observed, one multinomial per capture pattern.
        for c in range(C):
            if counts[c] == 0:
                continue
            tot = 0.0
            for k in range(K):
                q = pi[k]
                for j in range(J):
                    q *= lam[j, k] if cells[c, j] == 1 else 1.0 - lam[j, k]
                probs[k] = q
                tot += q
            if tot <= 0.0:
                for k in range(K):
                    probs[k] = 1.0 / K
            else:
                for k in range(K):
                    probs[k] /= tot
            _multinomial_into(counts[c], probs, draw)
            for k in range(K):
                m[k] += draw[k]
                for j in range(J):
                    if cells[c, j] == 1:
                        s[j, k] += draw[k]
        # 3. capture probabilities, Beta(1, 1) prior.
        for j in range(J):
            for k in range(K):
                lam[j, k] = np.random.beta(1.0 + s[j, k], 1.0 + m[k] - s[j, k])
        # 4. stick-breaking weights.
        tail = 0
        for k in range(K):
            tail += m[k]
        remain = 1.0
        log_sum = 0.0
        for k in range(K):
            tail -= m[k]
            if k < K - 1:
                vk = np.random.beta(1.0 + m[k], alpha + tail)
                if vk > 1.0 - 1e-12:
                    vk = 1.0 - 1e-12
                v[k] = vk
                log_sum += np.log(1.0 - vk)
            else:
                v[k] = 1.0
            pi[k] = v[k] * remain
            remain *= 1.0 - v[k]
        # 5. concentration, Gamma(a, b) prior (rate b).
        alpha = np.random.gamma(a_alpha + K - 1, 1.0 / (b_alpha - log_sum))
        if it >= burn_in and (it - burn_in) % thin == 0 and kept < n_keep:
            occupied = 0
            for k in range(K):
                if m[k] > 0:
                    occupied += 1
            out_n[kept] = n_obs + n0
            out_alpha[kept] = alpha
            out_k[kept] = occupied
            kept += 1
    return out_n[:kept], out_alpha[:kept], out_k[:kept]
