"""The histogram of N in ``estimate --plot``: whole-number draws give no comb of false peaks."""

from __future__ import annotations

import numpy as np

from tawthiq.estimate.plot import _bins


def test_uniform_whole_number_draws_give_bars_of_one_height_not_a_comb():
    # every count from 150 to 233 drawn equally often: the picture must be flat. With 60 equal bins over
    # 84 counts, some bars held two counts and some one: peaks at every other bar that were not there.
    draws = np.repeat(np.arange(150, 234), 25).astype(float)
    heights, edges = np.histogram(draws, bins=_bins(draws))
    assert len(heights) <= 60
    full = heights[:-1]  # the last bar may hold fewer counts than the others
    assert full.min() == full.max()
    assert np.all(np.mod(edges, 1) == 0.5)  # a count never sits on an edge


def test_a_narrow_posterior_draws_one_bar_per_count():
    draws = np.array([10, 11, 11, 12, 12, 12], dtype=float)
    heights, _ = np.histogram(draws, bins=_bins(draws))
    assert list(heights) == [1, 2, 3]


def test_draws_that_are_not_whole_numbers_keep_equal_bins():
    draws = np.linspace(100.1, 180.7, 500)
    assert _bins(draws) == 60
