"""Splitting an amount by published percentages, exactly to the hundredth."""

from __future__ import annotations

from fractions import Fraction

import pytest

from federation.reports.shares import (
    category_weights,
    cell_weights,
    spread,
    to_cents,
    weights,
)


def parts(found: dict[str, int]) -> dict[str, Fraction]:
    """Integer weights as parts of 1, to read them."""
    total = sum(found.values())
    return {code: Fraction(weight, total) for code, weight in found.items()}


def test_published_percentages_are_scaled_to_the_whole() -> None:
    assert parts(weights(["BF", "SN"], {"BF": "70", "SN": "30"})) == {
        "BF": Fraction(7, 10),
        "SN": Fraction(3, 10),
    }
    # 60 + 20 = 80 published: scaled to 100 so that amounts by country add up.
    assert parts(weights(["BF", "SN"], {"BF": "60", "SN": "20.0"})) == {
        "BF": Fraction(3, 4),
        "SN": Fraction(1, 4),
    }
    assert parts(weights(["BF", "SN"], {"BF": "33.333", "SN": "66.667"})) == {
        "BF": Fraction(33333, 100000),
        "SN": Fraction(66667, 100000),
    }


def test_a_country_without_percentage_shares_the_rest() -> None:
    assert parts(weights(["BF", "ML", "SN"], {"BF": "50"})) == {
        "BF": Fraction(1, 2),
        "ML": Fraction(1, 4),
        "SN": Fraction(1, 4),
    }
    assert parts(weights(["BF", "ML", "SN"], {"BF": "40", "ML": "20"})) == {
        "BF": Fraction(2, 5),
        "ML": Fraction(1, 5),
        "SN": Fraction(2, 5),
    }
    # Nothing left for it: it still counts, with no money.
    assert parts(weights(["BF", "SN"], {"BF": "100"})) == {"BF": 1, "SN": 0}


def test_no_percentage_or_nonsense_gives_equal_parts() -> None:
    third = Fraction(1, 3)
    assert parts(weights(["BF", "ML", "SN"], {})) == {"BF": third, "ML": third, "SN": third}
    half = Fraction(1, 2)
    assert parts(weights(["BF", "SN"], {"BF": "abc", "SN": "-5"})) == {"BF": half, "SN": half}
    assert parts(weights(["BF", "SN"], {"BF": "0", "SN": "0"})) == {"BF": half, "SN": half}
    assert parts(weights(["BF", "SN"], {"BF": "NaN", "SN": "150"})) == {"BF": half, "SN": half}
    assert weights([], {}) == {"": 1}


def test_sector_weights_are_added_by_category() -> None:
    categories = {"14030": "140", "14031": "140", "15110": "151"}
    assert parts(category_weights(["14030", "14031", "15110"], {}, categories)) == {
        "140": Fraction(2, 3),
        "151": Fraction(1, 3),
    }
    shares = {"14030": "10", "14031": "30", "15110": "60"}
    assert parts(category_weights(["14030", "14031", "15110"], shares, categories)) == {
        "140": Fraction(2, 5),
        "151": Fraction(3, 5),
    }


def test_cells_weigh_the_product_of_their_country_and_category() -> None:
    cells = cell_weights({"SN": 3, "BF": 7}, {"151": 4, "140": 6})
    assert cells == [
        (("BF", "140"), 42),
        (("BF", "151"), 28),
        (("SN", "140"), 18),
        (("SN", "151"), 12),
    ]


def test_spread_adds_up_exactly_and_gives_the_odd_cent_to_the_largest_remainder() -> None:
    assert spread(33333, [1, 1]) == [16667, 16666]  # tie: the first cell in code order
    assert spread(100, [1, 1, 1]) == [34, 33, 33]
    assert spread(2, [1, 1, 1]) == [1, 1, 0]
    assert spread(-7, [1, 1, 1]) == [-3, -2, -2]
    assert spread(10, [1, 2]) == [3, 7]  # 3.33 and 6.67: the larger remainder gets the cent
    assert spread(5, [7]) == [5]
    assert spread(100000, [42, 28, 18, 12]) == [42000, 28000, 18000, 12000]
    for cents in (1, 99, 12345, 10**15 + 7):
        assert sum(spread(cents, [42, 28, 18, 12])) == cents
    with pytest.raises(ValueError, match="zero"):
        spread(10, [0, 0])


def test_amounts_in_hundredths() -> None:
    assert to_cents("1000") == 100000
    assert to_cents("0.5") == 50
    assert to_cents("10.005") == 1000  # half-even beyond two decimals
    assert to_cents("10.015") == 1002
    assert to_cents("abc") is None
    assert to_cents(None) is None
