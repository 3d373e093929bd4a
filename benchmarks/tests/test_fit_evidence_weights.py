"""The weights' fit finds the factors that made the data: lists of candidates whose own report
was drawn with the second kind of evidence counting twice come out at about 1 and 2."""

import numpy as np

from benchmarks.fit_evidence_weights import fit_factors, recall

TRUE_FACTORS = np.array([1.0, 2.0, 1.0])


def drawn_lists(count: int, seed: int = 5) -> list[tuple[np.ndarray, int]]:
    rng = np.random.default_rng(seed)
    lists = []
    for _ in range(count):
        rows = rng.normal(size=(30, 3))
        shares = np.exp(rows @ TRUE_FACTORS)
        lists.append((rows, int(rng.choice(30, p=shares / shares.sum()))))
    return lists


def test_the_fit_finds_the_factors_the_lists_were_drawn_with():
    lists = drawn_lists(1500)

    factors = fit_factors(lists)

    assert np.allclose(factors, TRUE_FACTORS, atol=0.25)
    assert recall(lists, factors)[0] > recall(lists, np.ones(3))[0]


def test_a_kept_kind_keeps_its_weight():
    factors = fit_factors(drawn_lists(300), kept=(1,))

    assert factors[1] == 1.0
