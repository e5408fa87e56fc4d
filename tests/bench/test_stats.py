import pytest

from bench.stats import median, percentile, ratio


def test_percentile_interpolates_between_ranks_like_numpy():
    values = [10, 20, 30, 40, 50]
    assert percentile(values, 0) == 10
    assert percentile(values, 100) == 50
    assert percentile(values, 50) == 30
    assert percentile(values, 95) == pytest.approx(48.0)
    assert percentile([5, 1, 3, 2, 4], 25) == 2


def test_median_of_an_even_count_is_the_mean_of_the_middle_two():
    assert median([4, 1, 3, 2]) == 2.5
    assert median([7]) == 7


def test_percentile_refuses_nonsense():
    with pytest.raises(ValueError):
        percentile([], 50)
    with pytest.raises(ValueError):
        percentile([1], 101)


def test_ratio_needs_a_reference():
    assert ratio(8.0, 2.0) == 4.0
    assert ratio(8.0, 0) is None
    assert ratio(None, 2.0) is None
