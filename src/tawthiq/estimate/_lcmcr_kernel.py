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

__all__ = [
    "gibbs_block",
    "gibbs_chain",
    "initial_state",
    "level_counts",
    "run_block",
    "run_tempered",
    "tempered_block",
    "tempered_state",
]

FEW = 32  # patterns with at most this many people get their classes drawn person by person
LOG_TINY = math.log(1e-9)  # a stick left below this holds too little weight to be worth a move


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
def _log_gamma_draw(a):
    """log G for G ~ Gamma(a, 1), exact for any a > 0: for a < 1, log G(a + 1) + log(U) / a (Marsaglia &
    Tsang 2000, whose small-shape boost underflows to G = 0 when done outside the logarithm)."""
    if a >= 1.0:
        return np.log(np.random.gamma(a))
    return np.log(np.random.gamma(a + 1.0)) + np.log(1.0 - np.random.random()) / a  # U in (0, 1]


@njit(cache=True, nogil=True)
def _log_beta(a, b):
    """log X for X ~ Beta(a, b), exact where X is too small to hold (X = G_a / (G_a + G_b))."""
    ga = _log_gamma_draw(a)
    gb = _log_gamma_draw(b)
    top = max(ga, gb)
    return ga - (top + np.log(np.exp(ga - top) + np.exp(gb - top)))


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
def _logaddexp(x, y):
    """log(e^x + e^y), exact for -inf."""
    if x < y:
        x, y = y, x
    if y == -np.inf:
        return x
    return x + np.log1p(np.exp(y - x))


@njit(cache=True, nogil=True)
def _log_weights(lw, logpi):
    """log pi_k = log(1 - e^lw_k) + lw_1 + ... + lw_{k-1}: the weights in logs, where they underflow."""
    log_rest = 0.0
    for k in range(lw.shape[0]):
        logpi[k] = np.log(-math.expm1(lw[k])) + log_rest if lw[k] < 0.0 else -np.inf
        log_rest += lw[k]


@njit(cache=True, nogil=True)
def _log_stick_prior(logpi, alpha):
    """log density of the class weights under the truncated stick-breaking prior, up to a constant.

    With R_k = pi_k + ... + pi_K the stick left at class k: p(pi) = pi_K^(alpha - 1) / (R_1 ... R_{K-1}) (the
    Jacobian from the sticks v_k = pi_k / R_k, each Beta(1, alpha)); it is not symmetric in the classes: it
    prefers big classes first. In logs, and R_k summed from the tail: with a small alpha the weights after
    the first classes are below 1e-300, and 1 - (pi_1 + ... + pi_{k-1}) is all rounding (issue 20: that
    made the swaps below favour configurations the prior does not).
    """
    K = logpi.shape[0]
    lp = 0.0
    log_rest = logpi[K - 1]
    for k in range(K - 2, 0, -1):  # R_{K-1} down to R_2 (R_1 = 1); R_K = pi_K is the last factor's
        log_rest = _logaddexp(log_rest, logpi[k])
        lp -= log_rest
    return lp + (alpha - 1.0) * logpi[K - 1]


@njit(cache=True, nogil=True)
def _relabel(lam, lw, pi, alpha, f, miss, logpi):
    """Metropolis swaps of two classes' labels (weights and capture probabilities together).

    The likelihood does not change, only the stick-breaking prior of the weights. Without these moves a
    chain can keep its biggest class in the last place, where only large alpha explains many small sticks
    before it; alpha then stays large, every class up to the truncation K fills, and the chain crawls
    (Papaspiliopoulos & Roberts 2008; Hastie, Liverani & Richardson 2015, label-switching moves).
    A swap is a permutation of the weights (Jacobian 1); the sticks are then read back from the weights.
    """
    J, K = lam.shape
    C = f.shape[0]
    _log_weights(lw, logpi)
    lp = _log_stick_prior(logpi, alpha)
    for _ in range(K):
        k = np.random.randint(0, K)
        h = np.random.randint(0, K - 1)
        if h >= k:
            h += 1
        logpi[k], logpi[h] = logpi[h], logpi[k]
        lp_new = _log_stick_prior(logpi, alpha)
        if np.log(np.random.random()) < lp_new - lp:
            lp = lp_new
            for j in range(J):
                lam[j, k], lam[j, h] = lam[j, h], lam[j, k]
            for c in range(C):
                f[c, k], f[c, h] = f[c, h], f[c, k]
            miss[k], miss[h] = miss[h], miss[k]
        else:
            logpi[k], logpi[h] = logpi[h], logpi[k]
    log_rest = logpi[K - 1]
    lw[K - 1] = -np.inf
    for k in range(K - 2, -1, -1):  # lw_k = log R_{k+1} - log R_k, the tails summed in logs
        after = log_rest
        log_rest = _logaddexp(log_rest, logpi[k])
        lw[k] = min(after - log_rest, -1e-300)
    _weights(lw, pi)


@njit(cache=True, nogil=True)
def _weights(lw, pi):
    """pi_k = (1 - e^lw_k) e^(lw_1 + ... + lw_{k-1}), from lw_k = log(1 - v_k), the log of the stick left.

    The sticks are kept as log(1 - v_k), not v_k: with a small alpha, 1 - v_k is often below 1e-16, which
    a v_k next to 1 cannot hold (a clamp there biased alpha, hence N: issue 20).
    """
    log_rest = 0.0
    for k in range(lw.shape[0]):
        pi[k] = -math.expm1(lw[k]) * np.exp(log_rest)
        log_rest += lw[k]


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
    on_ptr,
    on_idx,
    counts,
    n_obs,
    lam,
    lw,
    pi,
    alpha,
    steps,
    adapt,
    f,
    miss,
    pc,
    pc_new,
    head,
    fk,
    odds,
    fresh,
    logpi,
):
    """Metropolis moves on (lam, lw) under the observed-data posterior, memberships and N integrated out.

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
    K = lw.shape[0]
    if fresh:  # lam changed since f was computed (else f is current: the moves keep it so)
        for k in range(K):
            _class_columns(on_ptr, on_idx, lam, k, f, miss, odds)
    if K > 1:  # one class (--classes 1, the independence model) has no label to swap
        _relabel(lam, lw, pi, alpha, f, miss, logpi)
    p0 = _mixture(pi, f, miss, pc)
    ll = _loglik_of(counts, n_obs, pc, p0)
    lam_old = np.empty(J)
    head0 = 0.0
    for c in range(C):
        head[c] = 0.0
    log_rest = 0.0  # log of the stick left before class k
    for k in range(K):
        # Classes that together hold less than one person in 10^9 are left to the Gibbs steps: the table
        # cannot tell their parameters apart, so moves (a) and (b) would cost O(cells) each for nothing
        # (most of the K = 10 classes are such tails). Still exact: whether (a) runs depends on pi_k, which
        # (a) does not change, and whether (b) runs on the stick left before class k, which (b) does not
        # change.
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
        # (b) the stick-breaking proportion v_k of class k on the logit scale t, prior Beta(1, alpha), which
        # is v (1 - v)^alpha in t; with lw = log(1 - v): log v = t + lw, lw = -log(1 + e^t), no clamp. pi_k
        # scales by v' / v and every later class by (1 - v') / (1 - v).
        if k < K - 1 and log_rest >= LOG_TINY:
            i = K + k
            lw_x = lw[k]
            lv_x = np.log(-math.expm1(lw_x))
            t = lv_x - lw_x + steps[i] * np.random.standard_normal()
            lw_y = -(max(t, 0.0) + np.log1p(np.exp(-abs(t))))
            lv_y = t + lw_y
            lp = lv_y + alpha * lw_y - lv_x - alpha * lw_x
            r_k, r_tail = np.exp(lv_y - lv_x), np.exp(lw_y - lw_x)
            w = pi[k]
            if r_tail <= 1e6:
                for c in range(C):
                    own = w * f[c, k]
                    pc_new[c] = head[c] + r_k * own + r_tail * max(pc[c] - head[c] - own, 0.0)
                own = w * miss[k]
                p0_new = head0 + r_k * own + r_tail * max(p0 - head0 - own, 0.0)
            else:  # the later classes' share was rounding in pc: recompute it (rare: O(cells x K))
                lw[k] = lw_y
                _weights(lw, logpi)  # logpi as scratch space for the proposed weights
                lw[k] = lw_x
                p0_new = _mixture(logpi, f, miss, pc_new)
            ll_new = _loglik_of(counts, n_obs, pc_new, p0_new)
            acc = np.log(np.random.random()) < ll_new - ll + lp
            if acc:
                ll = ll_new
                p0 = p0_new
                lw[k] = lw_y
                _weights(lw, pi)
                for c in range(C):
                    pc[c] = pc_new[c]
            if adapt > 0:
                steps[i] *= np.exp(((1.0 if acc else 0.0) - 0.3) / np.sqrt(adapt))
        log_rest += lw[k]
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
def _scratch(cells, K):
    """The work arrays of a sweep, allocated once per block (not per sweep)."""
    C, J = cells.shape
    on_ptr, on_idx = _lists_of_patterns(cells)
    return (
        np.empty(K),  # probs
        np.zeros(K, dtype=np.int64),  # draw
        np.zeros(K, dtype=np.int64),  # o: observed people per class
        np.zeros((J, K), dtype=np.int64),  # s: captures per list and class
        np.empty((C, K)),  # f: P(pattern c | class k)
        np.empty(K),  # miss_k: P(no list | class k)
        np.empty(J),  # odds
        on_ptr,
        on_idx,
        np.empty(C),  # pc
        np.empty(C),  # pc_new
        np.empty(C),  # head
        np.empty(C),  # fk
        np.empty(K),  # logpi
    )


@njit(cache=True, nogil=True)
def _moves(counts, n_obs, lam, lw, pi, n0k, steps, alpha, adapt_it, rounds, w):
    """Step 0 of a sweep: ``rounds`` of Metropolis moves of the parameters with memberships and N
    integrated out, then the unobserved (how many, which classes) drawn afresh given the parameters: a
    valid blocked update."""
    probs, draw, f, miss_k, odds, on_ptr, on_idx, pc, pc_new, head, fk, logpi = w[:2] + w[4:]
    for r in range(rounds):
        _marginal_moves(
            on_ptr, on_idx, counts, n_obs, lam, lw, pi, alpha, steps, adapt_it,
            f, miss_k, pc, pc_new, head, fk, odds, r == 0, logpi,
        )  # fmt: skip
    _draw_unobserved(n_obs, lam, pi, probs, draw, n0k)


@njit(cache=True, nogil=True)
def _observed_classes(counts, pi, w):
    """Step 1: the classes of the observed into ``o`` (people per class) and ``s`` (captures per list and
    class), one multinomial per capture pattern: the probability of a pattern in class k is pi_k f[c, k],
    f as the moves left it (they keep it in step with lam)."""
    probs, draw, o, s, f, on_ptr, on_idx = w[0], w[1], w[2], w[3], w[4], w[7], w[8]
    C = counts.shape[0]
    K = pi.shape[0]
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


@njit(cache=True, nogil=True)
def _unobserved_classes(n_obs, pi, n0k, w):
    """Step 2: the unobserved of each class, with that class's capture probabilities integrated out (a
    partially collapsed step: lam and n0 of a class are strongly coupled when lam is small, and drawing
    one given the other crawls). Random-walk Metropolis on the integer n0_k, its step scaled by the
    curvature of the target at its mode (a function of the rest of the state only). Returns n0."""
    o, s = w[2], w[3]
    K = pi.shape[0]
    J = s.shape[0]
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
    return n0


@njit(cache=True, nogil=True)
def _parameters(n_obs, n0, a_alpha, b_alpha, lam, lw, pi, n0k, alpha, w):
    """Steps 3-5: capture probabilities, sticks and alpha from their conditionals given the classes;
    returns (alpha, occupied classes)."""
    o, s = w[2], w[3]
    J, K = lam.shape
    # 3. capture probabilities, Beta(1, 1) prior (kept off 0 and 1 so the odds above stay finite).
    for j in range(J):
        for k in range(K):
            b = np.random.beta(1.0 + s[j, k], 1.0 + o[k] + n0k[k] - s[j, k])
            lam[j, k] = min(max(b, 1e-12), 1.0 - 1e-12)
    # 4. stick-breaking weights.
    # log(1 - v_k) ~ log Beta(alpha + later people, 1 + people in k), drawn in logs: alpha's conditional
    # needs it exactly, and with a small alpha an empty class's 1 - v_k ~ Beta(alpha, 1) is far below
    # what a double next to 1 holds (issue 20).
    tail = n_obs + n0
    log_sum = 0.0
    for k in range(K):
        mk = o[k] + n0k[k]
        tail -= mk
        if k < K - 1:
            lw[k] = min(_log_beta(alpha + tail, 1.0 + mk), -1e-300)
            log_sum += lw[k]
        else:
            lw[k] = -np.inf
    _weights(lw, pi)
    # 5. concentration, Gamma(a, b) prior (rate b).
    alpha = np.random.gamma(a_alpha + K - 1, 1.0 / (b_alpha - log_sum))
    occupied = 0
    for k in range(K):
        if o[k] + n0k[k] > 0:
            occupied += 1
    return alpha, occupied


@njit(cache=True, nogil=True)
def _sweep(counts, n_obs, K, a_alpha, b_alpha, lam, lw, pi, n0k, steps, alpha, adapt_it, rounds, w):
    """One sweep from the state (``lam``, ``lw``, ``pi``, ``n0k`` updated in place; ``w`` from
    ``_scratch``); returns (alpha, N, occupied classes). ``adapt_it`` > 0 tunes the proposal scales.
    Its steps are separate functions so that ``benchmarks/lcmcr_profile.py`` can time each."""
    _moves(counts, n_obs, lam, lw, pi, n0k, steps, alpha, adapt_it, rounds, w)
    _observed_classes(counts, pi, w)
    n0 = _unobserved_classes(n_obs, pi, n0k, w)
    alpha, occupied = _parameters(n_obs, n0, a_alpha, b_alpha, lam, lw, pi, n0k, alpha, w)
    return alpha, n_obs + n0, occupied


@njit(cache=True, nogil=True)
def gibbs_block(
    cells,
    counts,
    K,
    a_alpha,
    b_alpha,
    lam,
    lw,
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
    """Run ``iterations`` sweeps from the state (``lam``, ``lw``, ``pi``, ``n0k``, ``alpha0``); return alpha.

    ``lam`` (J, K), ``lw`` (K,, log(1 - v_k) of the sticks: see ``_weights``), ``pi`` (K,) and ``n0k``
    (K,, the unobserved people per class; negative = not drawn
    yet) are updated in place, so a chain is continued by calling again with the same arrays (and a new
    seed: numba's random state is per thread, and threads are shared between chains). Every sweep's N,
    alpha and number of occupied classes is written to ``out_n``, ``out_alpha`` and ``out_k``.
    ``cells``: (C, J) int8 capture patterns; ``counts``: (C,) int64 people per pattern.
    """
    np.random.seed(seed)
    n_obs = 0
    for c in range(counts.shape[0]):
        n_obs += counts[c]
    alpha = alpha0
    w = _scratch(cells, K)
    for it in range(iterations):
        alpha, n, occupied = _sweep(
            counts, n_obs, K, a_alpha, b_alpha, lam, lw, pi, n0k, steps, alpha,
            it + 1 if it < adapt else 0, rounds, w,
        )  # fmt: skip
        out_n[it] = n
        out_alpha[it] = alpha
        out_k[it] = occupied
    return alpha


@njit(cache=True, nogil=True)
def _pattern_probs(on_ptr, on_idx, lam, pi, f, miss, odds, pc):
    """pc[c] = P(pattern c) for the parameters (``lam``, ``pi``), from scratch; returns P(no list)."""
    for k in range(lam.shape[1]):
        _class_columns(on_ptr, on_idx, lam, k, f, miss, odds)
    return _mixture(pi, f, miss, pc)


@njit(cache=True, nogil=True)
def tempered_block(
    cells,
    level_counts,
    K,
    a_alpha,
    b_alpha,
    lam,
    lw,
    pi,
    n0k,
    steps,
    alphas,
    iterations,
    seed,
    rounds,
    out_n,
    out_alpha,
    out_k,
    tries,
    accepted,
    hot_rounds,
):
    """Parallel tempering: ``iterations`` sweeps of a ladder of chains, then swaps of neighbours' parameters.

    Level l samples the model's posterior given the table ``level_counts[l]``: level 0 is the table itself,
    the others are it with every count scaled down (a smaller table, whose posterior is wider and whose
    chains move between class arrangements that the full table's chain leaves only every few thousand
    sweeps: issue 20). Each level is a chain of the ordinary sampler (``_sweep``) for its own table; after
    every sweep, neighbours l and l + 1 propose to exchange their parameters (capture probabilities,
    sticks, alpha), accepted with probability min(1, r),

        r = L(theta_l+1; n_l) L(theta_l; n_l+1) / (L(theta_l; n_l) L(theta_l+1; n_l+1)),

    L the observed-data likelihood (memberships and N summed out, as in the Metropolis moves; the prior is
    the same on every level and cancels). That is a Metropolis move on the product of the levels'
    posteriors of the parameters, so level 0 keeps its target (Geyer 1991; Earl & Deem 2005; a tempered
    likelihood L^beta has no data augmentation, a table of round(beta n) people has). The memberships and
    unobserved are not part of what a sweep starts from (step 0 draws them afresh), so they need no swap.
    Only level 0's N, alpha and occupied classes are written out; ``tries`` and ``accepted`` count the
    swaps proposed and made between each pair of neighbours. Level 0 makes ``rounds`` rounds of the
    Metropolis moves per sweep, the other levels ``hot_rounds`` (each level's sampler need only keep its
    own posterior: how fast it mixes does not change what level 0 samples). ``lam`` (L, J, K), ``lw``,
    ``pi``, ``n0k`` (L, K), ``steps`` (L, 2K), ``alphas`` (L,) are updated in place, as in ``gibbs_block``
    (their scales are not tuned here: the caller sets them).
    """
    np.random.seed(seed)
    L, C = level_counts.shape
    J = cells.shape[1]
    n_obs = np.zeros(L, dtype=np.int64)
    for lv in range(L):
        for c in range(C):
            n_obs[lv] += level_counts[lv, c]
    w = _scratch(cells, K)
    on_ptr, on_idx = w[7], w[8]
    f = np.empty((C, K))
    miss = np.empty(K)
    odds = np.empty(J)
    pcs = np.empty((L, C))
    p0s = np.empty(L)
    tmp_lam = np.empty((J, K))
    tmp_k = np.empty(K)
    tmp_c = np.empty(C)
    for it in range(iterations):
        for lv in range(L):
            a, n, occupied = _sweep(
                level_counts[lv], n_obs[lv], K, a_alpha, b_alpha, lam[lv], lw[lv], pi[lv], n0k[lv],
                steps[lv], alphas[lv], 0, rounds if lv == 0 else hot_rounds, w,
            )  # fmt: skip
            alphas[lv] = a
            if lv == 0:
                out_n[it] = n
                out_alpha[it] = a
                out_k[it] = occupied
        for lv in range(L):
            p0s[lv] = _pattern_probs(on_ptr, on_idx, lam[lv], pi[lv], f, miss, odds, pcs[lv])
        for lv in range(L - 1):
            m = lv + 1
            r = (
                _loglik_of(level_counts[lv], n_obs[lv], pcs[m], p0s[m])
                + _loglik_of(level_counts[m], n_obs[m], pcs[lv], p0s[lv])
                - _loglik_of(level_counts[lv], n_obs[lv], pcs[lv], p0s[lv])
                - _loglik_of(level_counts[m], n_obs[m], pcs[m], p0s[m])
            )
            tries[lv] += 1
            if np.log(np.random.random()) < r:
                accepted[lv] += 1
                tmp_lam[:, :] = lam[lv]
                lam[lv][:, :] = lam[m]
                lam[m][:, :] = tmp_lam
                tmp_k[:] = lw[lv]
                lw[lv][:] = lw[m]
                lw[m][:] = tmp_k
                tmp_k[:] = pi[lv]
                pi[lv][:] = pi[m]
                pi[m][:] = tmp_k
                tmp_c[:] = pcs[lv]
                pcs[lv][:] = pcs[m]
                pcs[m][:] = tmp_c
                p0s[lv], p0s[m] = p0s[m], p0s[lv]
                alphas[lv], alphas[m] = alphas[m], alphas[lv]


def level_counts(counts: np.ndarray, ladder: tuple[float, ...]) -> np.ndarray:
    """(L, C) the table's counts scaled by each beta of the ladder, rounded half up (a cell with anybody in
    it keeps at least one person for beta >= 0.5)."""
    return np.stack([np.floor(b * counts + 0.5) for b in ladder]).astype(np.int64)


def tempered_state(state: dict, ladder: tuple[float, ...]) -> dict:
    """A ladder started from one chain's state: every level a copy, its proposal scales widened as
    1 / sqrt(beta) (a posterior from beta n people is about that much wider than from n)."""
    L = len(ladder)
    scale = 1.0 / np.sqrt(np.asarray(ladder, dtype=float))
    return {
        "lam": np.stack([state["lam"]] * L).copy(),
        "lw": np.stack([state["lw"]] * L).copy(),
        "pi": np.stack([state["pi"]] * L).copy(),
        "n0k": np.stack([state["n0k"]] * L).copy(),
        "steps": np.stack([state["steps"] * s for s in scale]).copy(),
        "alphas": np.full(L, float(state["alpha"])),
        "tries": np.zeros(max(L - 1, 0), dtype=np.int64),
        "accepted": np.zeros(max(L - 1, 0), dtype=np.int64),
    }


def run_tempered(
    cells, counts_by_level, K, a_alpha, b_alpha, ladder_state, iterations, seed, rounds=1, hot_rounds=None
):
    """Continue a ladder (``tempered_state``, updated) for ``iterations`` sweeps; level 0's
    (N, alpha, occupied) per sweep. ``hot_rounds``: the other levels' rounds of moves (default ``rounds``)."""
    st = ladder_state
    out = (np.empty(iterations, dtype=np.int64), np.empty(iterations), np.empty(iterations, dtype=np.int64))
    tempered_block(
        cells, counts_by_level, K, a_alpha, b_alpha, st["lam"], st["lw"], st["pi"], st["n0k"], st["steps"],
        st["alphas"], iterations, seed, rounds, *out, st["tries"], st["accepted"],
        rounds if hot_rounds is None else hot_rounds,
    )  # fmt: skip
    return out


def initial_state(n_lists: int, K: int, seed: int) -> dict[str, np.ndarray | float]:
    """A chain's start: capture probabilities uniform in [0.05, 0.95], equal class weights."""
    rng = np.random.default_rng([seed, 20161213])
    v = 1.0 / (K - np.arange(K, dtype=float))  # stick proportions giving every class weight 1/K
    with np.errstate(divide="ignore"):
        lw = np.log1p(-v)  # the last is -inf: nothing left after it
    return {
        "lam": rng.uniform(0.05, 0.95, (n_lists, K)),
        "lw": lw,
        "pi": np.full(K, 1.0 / K),
        "n0k": np.zeros(K, dtype=np.int64),
        "steps": np.full(2 * K, 0.1),
        "alpha": 1.0,
    }


def run_block(cells, counts, K, a_alpha, b_alpha, state, iterations, adapt, seed, rounds=1):
    """Continue a chain from ``state`` (updated) for ``iterations`` sweeps; (N, alpha, occupied) per sweep."""
    out = (np.empty(iterations, dtype=np.int64), np.empty(iterations), np.empty(iterations, dtype=np.int64))
    state["alpha"] = gibbs_block(
        cells, counts, K, a_alpha, b_alpha, state["lam"], state["lw"], state["pi"], state["n0k"],
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
