"""The Gibbs sampler of the LCMCR model, compiled with numba: counts in, draws of N out.

Model (Manrique-Vallier 2016, Biometrics 72:1246): each person belongs to one of K latent classes; within a
class the lists capture independently, list j with probability lambda[j, k] ~ Beta(1, 1). Class weights
follow a stick-breaking (truncated Dirichlet process) prior with concentration alpha ~ Gamma(a, b), and N
has the improper prior p(N) proportional to 1/N, as in the LCMCR R package.

Hand-written because no Python package implements this sampler. One sweep:

0. label swaps (Metropolis on the stick-breaking prior) and Metropolis moves of the capture probabilities
   and weights under the observed-data likelihood (memberships and N integrated out), ``rounds`` times
   (they carry the chain on large and sparse tables, and with the pattern probabilities updated in
   O(cells) per move they cost less than the rest of the sweep), then the unobserved, how many and in
   which classes, drawn afresh;
1. the classes of the observed, one multinomial per capture pattern (people with the same pattern are
   exchangeable), so a sweep costs O(cells x K x lists) whatever N is;
2. the unobserved of each class with its capture probabilities integrated out (random-walk Metropolis);
3. capture probabilities, stick-breaking weights and alpha from their conditionals.

Step 1-3 alone (the LCMCR package's data augmentation) crawl: the biggest class can sit in the last
place of the stick, which keeps alpha large and fills every class up to K, and with many people observed
the parameters barely move between sweeps; R-hat on the UK 6-list table stayed at 1.15-1.8 after 4 x
500,000 sweeps. Step 0 fixes both (issue 20). Compiled with ``nogil`` so chains run in parallel threads;
numba's random state is per thread and seeded at the start of every block, so a chain's draws depend
only on its seed. Never: touches a file, a database or Python's global random state.
"""

from __future__ import annotations

import math

import numpy as np
from numba import njit

__all__ = ["gibbs_block", "gibbs_chain", "initial_state", "run_block"]

FEW = 32  # patterns with at most this many people get their classes drawn person by person


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
def _log_step(x, a, pk_log, o, s, J, k):
    """log p(x + 1) - log p(x) for the unobserved count x of class k, capture probabilities integrated out."""
    r = np.log(a + x) - np.log(x + 1.0) + pk_log
    for j in range(J):
        r += np.log(o + x + 1.0 - s[j, k]) - np.log(o + x + 2.0)
    return r


@njit(cache=True, nogil=True)
def _log_target(x, a, pk_log, o, s, J, k):
    """log p(x) up to a constant: Gamma(a + x) / x! * pi_k^x * prod_j (o + x - s_jk)! / (o + x + 1)!."""
    g = math.lgamma(a + x) - math.lgamma(x + 1.0) + x * pk_log
    for j in range(J):
        g += math.lgamma(o + x - s[j, k] + 1.0) - math.lgamma(o + x + 2.0)
    return g


@njit(cache=True, nogil=True)
def _unobserved_scale(a, pk_log, o, s, J, k):
    """Mode and spread of the unobserved count of class k (depends on the rest of the state only)."""
    if _log_step(0.0, a, pk_log, o, s, J, k) <= 0.0:
        lo, hi = 0.0, 0.0
    else:
        lo, hi = 0.0, max(1.0, o)
        while _log_step(hi, a, pk_log, o, s, J, k) > 0.0 and hi < 1e12:
            lo = hi
            hi *= 4.0
        while hi - lo > 1.0 + 0.05 * lo:  # the spread, not the exact mode, is what is needed
            mid = 0.5 * (lo + hi)
            if _log_step(mid, a, pk_log, o, s, J, k) > 0.0:
                lo = mid
            else:
                hi = mid
    x = 0.5 * (lo + hi)
    curv = 1.0 / (a + x) - 1.0 / (x + 1.0)
    for j in range(J):
        curv += 1.0 / (o + x + 1.0 - s[j, k]) - 1.0 / (o + x + 2.0)
    sd = 1.0 / np.sqrt(-curv) if curv < 0.0 else np.sqrt(x + 1.0)
    return x, max(sd, 0.5)


@njit(cache=True, nogil=True)
def _class_columns(on_ptr, on_idx, lam, k, f, miss, odds):
    """f[c, k] = P(pattern c | class k) and miss[k] = P(no list | class k), for class k.

    ``on_idx[on_ptr[c]:on_ptr[c + 1]]`` are the lists pattern c is on: a pattern costs one product over
    its own lists, the odds lam / (1 - lam) computed once per list.
    """
    J = lam.shape[0]
    q = 1.0
    for j in range(J):
        q *= 1.0 - lam[j, k]
        odds[j] = lam[j, k] / (1.0 - lam[j, k])
    miss[k] = q
    for c in range(on_ptr.shape[0] - 1):
        x = q
        for i in range(on_ptr[c], on_ptr[c + 1]):
            x *= odds[on_idx[i]]
        f[c, k] = x


@njit(cache=True, nogil=True)
def _lists_of_patterns(cells):
    """(on_ptr, on_idx): for each pattern, the lists it is on, in compressed rows."""
    C, J = cells.shape
    on_ptr = np.zeros(C + 1, dtype=np.int64)
    for c in range(C):
        n = 0
        for j in range(J):
            if cells[c, j] == 1:
                n += 1
        on_ptr[c + 1] = on_ptr[c] + n
    on_idx = np.empty(on_ptr[C], dtype=np.int64)
    for c in range(C):
        i = on_ptr[c]
        for j in range(J):
            if cells[c, j] == 1:
                on_idx[i] = j
                i += 1
    return on_ptr, on_idx


@njit(cache=True, nogil=True)
def _log_stick_prior(pi, alpha):
    """log density of the class weights under the truncated stick-breaking prior, up to a constant.

    With R_k = 1 - (pi_1 + ... + pi_{k-1}): p(pi) = pi_K^(alpha - 1) / (R_1 ... R_{K-1}); it is not symmetric
    in the classes: it prefers big classes first.
    """
    K = pi.shape[0]
    rest = 1.0
    lp = 0.0
    for k in range(K - 1):
        lp -= np.log(max(rest, 1e-300))
        rest -= pi[k]
    return lp + (alpha - 1.0) * np.log(max(pi[K - 1], 1e-300))


@njit(cache=True, nogil=True)
def _relabel(lam, v, pi, alpha, f, miss):
    """Metropolis swaps of two classes' labels (weights and capture probabilities together).

    The likelihood does not change, only the stick-breaking prior of the weights. Without these moves a
    chain can keep its biggest class in the last place, where only large alpha explains many small sticks
    before it; alpha then stays large, every class up to the truncation K fills, and the chain crawls
    (Papaspiliopoulos & Roberts 2008; Hastie, Liverani & Richardson 2015, label-switching moves).
    """
    J, K = lam.shape
    C = f.shape[0]
    lp = _log_stick_prior(pi, alpha)
    for _ in range(K):
        k = np.random.randint(0, K)
        h = np.random.randint(0, K - 1)
        if h >= k:
            h += 1
        pi[k], pi[h] = pi[h], pi[k]
        lp_new = _log_stick_prior(pi, alpha)
        if np.log(np.random.random()) < lp_new - lp:
            lp = lp_new
            for j in range(J):
                lam[j, k], lam[j, h] = lam[j, h], lam[j, k]
            for c in range(C):
                f[c, k], f[c, h] = f[c, h], f[c, k]
            miss[k], miss[h] = miss[h], miss[k]
        else:
            pi[k], pi[h] = pi[h], pi[k]
    rest = 1.0
    for k in range(K - 1):
        v[k] = min(max(pi[k] / rest, 1e-12), 1.0 - 1e-12) if rest > 0.0 else 0.5
        rest -= pi[k]
    v[K - 1] = 1.0
    _weights(v, pi)


@njit(cache=True, nogil=True)
def _weights(v, pi):
    remain = 1.0
    for k in range(v.shape[0]):
        pi[k] = v[k] * remain
        remain *= 1.0 - v[k]


@njit(cache=True, nogil=True)
def _mixture(pi, f, miss, pc):
    """pc[c] = P(pattern c) = sum_k pi_k f[c, k]; returns P(no list) = sum_k pi_k miss[k]."""
    C, K = f.shape
    p0 = 0.0
    for k in range(K):
        p0 += pi[k] * miss[k]
    for c in range(C):
        x = 0.0
        for k in range(K):
            x += pi[k] * f[c, k]
        pc[c] = x
    return p0


@njit(cache=True, nogil=True)
def _loglik_of(counts, n_obs, pc, p0):
    """log p(observed table) from the pattern probabilities: sum n_c log(p_c / (1 - p0)), O(cells)."""
    if not p0 < 1.0:
        return -np.inf
    ll = -n_obs * np.log(1.0 - p0)
    for c in range(counts.shape[0]):
        if counts[c] == 0:
            continue
        if not pc[c] > 0.0:
            return -np.inf
        ll += counts[c] * np.log(pc[c])
    return ll


@njit(cache=True, nogil=True)
def _marginal_moves(
    on_ptr, on_idx, counts, n_obs, lam, v, pi, alpha, steps, adapt, f, miss, pc, pc_new, head, fk, odds, fresh
):
    """Metropolis moves on (lam, v) under the observed-data posterior, class memberships and N integrated out.

    Data augmentation alone crawls when many people are observed: given the memberships the parameters are
    nearly fixed, and the other way round, so each sweep moves them by little (the fraction of missing
    information is near 1). These moves see the likelihood of the table directly: for each class, a shift
    of all its capture probabilities on the logit scale (a class easier or harder to document everywhere,
    which moves N) and a move of its stick-breaking weight. ``steps`` holds the proposal scales, tuned
    toward 30% acceptance while ``adapt`` > 0 (burn-in only).

    A move changes one class's column of the mixture (or, for a weight, scales the classes after it), so
    the pattern probabilities ``pc`` are updated in O(cells), not recomputed in O(cells x K): ``head``
    holds the part of each pattern's probability from the classes before k, which the moves of class k
    and later do not touch.
    """
    C = counts.shape[0]
    J = lam.shape[0]
    K = v.shape[0]
    if fresh:  # lam changed since f was computed (else f is current: the moves keep it so)
        for k in range(K):
            _class_columns(on_ptr, on_idx, lam, k, f, miss, odds)
    if K > 1:  # one class (--classes 1, the independence model) has no label to swap
        _relabel(lam, v, pi, alpha, f, miss)
    p0 = _mixture(pi, f, miss, pc)
    ll = _loglik_of(counts, n_obs, pc, p0)
    lam_old = np.empty(J)
    head0 = 0.0
    for c in range(C):
        head[c] = 0.0
    for k in range(K):
        # Classes that together hold less than one person in 10^9 are left to the Gibbs steps: the table
        # cannot tell their parameters apart, so moves (a) and (b) would cost O(cells) each for nothing
        # (most of the K = 10 classes are such tails). Still exact: whether (a) runs depends on pi_k, which
        # (a) does not change, and whether (b) runs on the stick left before class k, which (b) does not
        # change.
        rest = 1.0
        for h in range(k):
            rest -= pi[h]
        # (a) every capture probability of class k shifted together on the logit scale.
        if pi[k] >= 1e-9:
            e = steps[k] * np.random.standard_normal()
            lp = 0.0
            for j in range(J):
                lam_old[j] = lam[j, k]
                x = lam[j, k]
                lo = np.log(x / (1.0 - x)) + e
                y = 1.0 / (1.0 + np.exp(-lo))
                y = min(max(y, 1e-12), 1.0 - 1e-12)
                lam[j, k] = y
                lp += np.log(y * (1.0 - y)) - np.log(x * (1.0 - x))  # Beta(1, 1) prior on the logit scale
            for c in range(C):
                fk[c] = f[c, k]
            m_old = miss[k]
            _class_columns(on_ptr, on_idx, lam, k, f, miss, odds)
            w = pi[k]
            for c in range(C):
                pc_new[c] = max(pc[c] - w * fk[c], 0.0) + w * f[c, k]
            p0_new = max(p0 - w * m_old, 0.0) + w * miss[k]
            ll_new = _loglik_of(counts, n_obs, pc_new, p0_new)
            acc = np.log(np.random.random()) < ll_new - ll + lp
            if acc:
                ll = ll_new
                p0 = p0_new
                for c in range(C):
                    pc[c] = pc_new[c]
            else:
                for j in range(J):
                    lam[j, k] = lam_old[j]
                for c in range(C):
                    f[c, k] = fk[c]
                miss[k] = m_old
            if adapt > 0:
                steps[k] *= np.exp(((1.0 if acc else 0.0) - 0.3) / np.sqrt(adapt))
        # (b) the stick-breaking proportion of class k on the logit scale, prior Beta(1, alpha): pi_k
        # scales by y / x and every later class by (1 - y) / (1 - x).
        if k < K - 1 and rest >= 1e-9:
            i = K + k
            x = v[k]
            lo = np.log(x / (1.0 - x)) + steps[i] * np.random.standard_normal()
            y = min(max(1.0 / (1.0 + np.exp(-lo)), 1e-12), 1.0 - 1e-12)
            lp = (
                (alpha - 1.0) * (np.log(1.0 - y) - np.log(1.0 - x))
                + np.log(y * (1.0 - y))
                - np.log(x * (1.0 - x))
            )
            r_k, r_tail = y / x, (1.0 - y) / (1.0 - x)
            w = pi[k]
            for c in range(C):
                own = w * f[c, k]
                pc_new[c] = head[c] + r_k * own + r_tail * max(pc[c] - head[c] - own, 0.0)
            own = w * miss[k]
            p0_new = head0 + r_k * own + r_tail * max(p0 - head0 - own, 0.0)
            ll_new = _loglik_of(counts, n_obs, pc_new, p0_new)
            acc = np.log(np.random.random()) < ll_new - ll + lp
            if acc:
                ll = ll_new
                p0 = p0_new
                v[k] = y
                _weights(v, pi)
                for c in range(C):
                    pc[c] = pc_new[c]
            if adapt > 0:
                steps[i] *= np.exp(((1.0 if acc else 0.0) - 0.3) / np.sqrt(adapt))
        w = pi[k]
        for c in range(C):
            head[c] += w * f[c, k]
        head0 += w * miss[k]


@njit(cache=True, nogil=True)
def _draw_unobserved(n_obs, lam, pi, probs, draw, n0k):
    """(n0, classes of the unobserved) given the parameters: n0 ~ NegBin(n, 1 - pi0), then a multinomial."""
    J, K = lam.shape
    pi0 = 0.0
    for k in range(K):
        q = pi[k]
        for j in range(J):
            q *= 1.0 - lam[j, k]
        probs[k] = q
        pi0 += q
    n0 = np.random.negative_binomial(n_obs, max(1.0 - pi0, 1e-12))
    if pi0 > 0.0:
        for k in range(K):
            probs[k] /= pi0
        _multinomial_into(n0, probs, draw)
        for k in range(K):
            n0k[k] = draw[k]
    else:
        for k in range(K):
            n0k[k] = 0


@njit(cache=True, nogil=True)
def gibbs_block(
    cells,
    counts,
    K,
    a_alpha,
    b_alpha,
    lam,
    v,
    pi,
    n0k,
    steps,
    alpha0,
    iterations,
    adapt,
    seed,
    rounds,
    out_n,
    out_alpha,
    out_k,
):
    """Run ``iterations`` sweeps from the state (``lam``, ``pi``, ``n0k``, ``alpha0``); return the new alpha.

    ``lam`` (J, K), ``pi`` (K,) and ``n0k`` (K,, the unobserved people per class; negative = not drawn
    yet) are updated in place, so a chain is continued by calling again with the same arrays (and a new
    seed: numba's random state is per thread, and threads are shared between chains). Every sweep's N,
    alpha and number of occupied classes is written to ``out_n``, ``out_alpha`` and ``out_k``.
    ``cells``: (C, J) int8 capture patterns; ``counts``: (C,) int64 people per pattern.
    """
    np.random.seed(seed)
    C, J = cells.shape
    n_obs = 0
    for c in range(C):
        n_obs += counts[c]
    alpha = alpha0
    probs = np.empty(K)
    draw = np.zeros(K, dtype=np.int64)
    o = np.zeros(K, dtype=np.int64)  # observed people per class
    s = np.zeros((J, K), dtype=np.int64)  # captures per list and class
    f = np.empty((C, K))  # P(pattern c | class k)
    miss_k = np.empty(K)  # P(no list | class k)
    odds = np.empty(J)
    on_ptr, on_idx = _lists_of_patterns(cells)
    pc = np.empty(C)
    pc_new = np.empty(C)
    head = np.empty(C)
    fk = np.empty(C)
    for it in range(iterations):
        # 0. Metropolis moves of the parameters with memberships and N integrated out, then the unobserved
        # (how many, which classes) drawn afresh given the parameters: a valid blocked update.
        for r in range(rounds):
            _marginal_moves(
                on_ptr,
                on_idx,
                counts,
                n_obs,
                lam,
                v,
                pi,
                alpha,
                steps,
                it + 1 if it < adapt else 0,
                f,
                miss_k,
                pc,
                pc_new,
                head,
                fk,
                odds,
                r == 0,
            )
        _draw_unobserved(n_obs, lam, pi, probs, draw, n0k)
        # 1. classes of the observed, one multinomial per capture pattern: the probability of a pattern in
        # class k is pi_k f[c, k], f as the moves above left it (they keep it in step with lam).
        o[:] = 0
        s[:, :] = 0
        for c in range(C):
            if counts[c] == 0:
                continue
            tot = 0.0
            for k in range(K):
                q = pi[k] * f[c, k]
                probs[k] = q
                tot += q
            if not tot > 0.0:
                for k in range(K):
                    probs[k] = 1.0 / K
            else:
                for k in range(K):
                    probs[k] /= tot
            _multinomial_into(counts[c], probs, draw)
            for k in range(K):
                d = draw[k]
                if d == 0:
                    continue
                o[k] += d
                for i in range(on_ptr[c], on_ptr[c + 1]):
                    s[on_idx[i], k] += d
        # 2. the unobserved of each class, with that class's capture probabilities integrated out
        # (a partially collapsed step: lam and n0 of a class are strongly coupled when lam is small, and
        # drawing one given the other crawls). Random-walk Metropolis on the integer n0_k, its step scaled
        # by the curvature of the target at its mode (a function of the rest of the state only).
        n0 = 0
        for k in range(K):
            n0 += n0k[k]
        for k in range(K):
            rest = n_obs + n0 - n0k[k]
            if pi[k] < 1e-300:
                n0 -= n0k[k]
                n0k[k] = 0
                continue
            pk_log = np.log(pi[k])
            ok = float(o[k])
            _, sd = _unobserved_scale(rest, pk_log, ok, s, J, k)
            x = float(n0k[k])
            gx = _log_target(x, rest, pk_log, ok, s, J, k)
            for step in range(3):
                scale = 2.4 * sd if step < 2 else 0.5 * sd
                y = x + np.round(scale * np.random.standard_normal())
                if y < 0.0:
                    continue
                gy = _log_target(y, rest, pk_log, ok, s, J, k)
                if np.log(np.random.random()) < gy - gx:
                    x, gx = y, gy
            n0 += int(x) - n0k[k]
            n0k[k] = int(x)
        # 3. capture probabilities, Beta(1, 1) prior (kept off 0 and 1 so the odds above stay finite).
        for j in range(J):
            for k in range(K):
                b = np.random.beta(1.0 + s[j, k], 1.0 + o[k] + n0k[k] - s[j, k])
                lam[j, k] = min(max(b, 1e-12), 1.0 - 1e-12)
        # 4. stick-breaking weights.
        tail = n_obs + n0
        remain = 1.0
        log_sum = 0.0
        for k in range(K):
            mk = o[k] + n0k[k]
            tail -= mk
            if k < K - 1:
                vk = np.random.beta(1.0 + mk, alpha + tail)
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
        occupied = 0
        for k in range(K):
            if o[k] + n0k[k] > 0:
                occupied += 1
        out_n[it] = n_obs + n0
        out_alpha[it] = alpha
        out_k[it] = occupied
    return alpha


def initial_state(n_lists: int, K: int, seed: int) -> dict[str, np.ndarray | float]:
    """A chain's start: capture probabilities uniform in [0.05, 0.95], equal class weights."""
    rng = np.random.default_rng([seed, 20161213])
    v = 1.0 / (K - np.arange(K, dtype=float))  # stick proportions giving every class weight 1/K
    return {
        "lam": rng.uniform(0.05, 0.95, (n_lists, K)),
        "v": v,
        "pi": np.full(K, 1.0 / K),
        "n0k": np.zeros(K, dtype=np.int64),
        "steps": np.full(2 * K, 0.1),
        "alpha": 1.0,
    }


def run_block(cells, counts, K, a_alpha, b_alpha, state, iterations, adapt, seed, rounds=1):
    """Continue a chain from ``state`` (updated) for ``iterations`` sweeps; (N, alpha, occupied) per sweep."""
    out = (np.empty(iterations, dtype=np.int64), np.empty(iterations), np.empty(iterations, dtype=np.int64))
    state["alpha"] = gibbs_block(
        cells, counts, K, a_alpha, b_alpha, state["lam"], state["v"], state["pi"], state["n0k"],
        state["steps"], state["alpha"], iterations, adapt, seed, rounds, *out,
    )  # fmt: skip
    return out


def gibbs_chain(cells, counts, K, a_alpha, b_alpha, iterations, burn_in, thin, seed):
    """One chain from its start: (N, alpha, occupied classes) per kept sweep, after burn-in and thinning."""
    state = initial_state(cells.shape[1], K, seed)
    out_n, out_alpha, out_k = run_block(
        cells, counts, K, a_alpha, b_alpha, state, iterations, min(burn_in, 2000), seed
    )
    return out_n[burn_in::thin], out_alpha[burn_in::thin], out_k[burn_in::thin]
