"""The score's parts on hand-made profiles: each component, the weights left out when the
asked side has nothing to compare, and the reasons."""

from __future__ import annotations

import math
from typing import Any

import pytest

from federation.similar.profile import Profile, of_description, period, weighted
from federation.similar.scoring import WEIGHTS, compare, explain, norm

SQUARES = {"puit": 4.0, "kaya": 9.0, "eau": 1.0, "ecol": 4.0, "13": 9.0}


def action(stems: str, forms: dict[str, str] | None = None, **codes: Any) -> Profile:
    return Profile(stems=weighted("", stems), forms=forms or {}, **codes)


def test_the_same_action_scores_one_and_the_weights_sum_to_one() -> None:
    one = action(
        "puit kaya eau",
        countries=frozenset({"BF"}),
        sectors=frozenset({"14030"}),
        categories=frozenset({"140"}),
        sdgs=frozenset({"6"}),
        partner_types=frozenset({"22"}),
        years=(2022, 2024),
    )
    assert math.isclose(sum(WEIGHTS.values()), 1.0)
    match = compare(one, one, SQUARES, norm(one, SQUARES))
    assert math.isclose(match.score, 1.0)
    assert all(math.isclose(value, 1.0) for value in match.components.values())


def test_each_component() -> None:
    asked = action(
        "puit kaya",
        countries=frozenset({"BF", "ML"}),
        sectors=frozenset({"14030"}),
        categories=frozenset({"140"}),
        sdgs=frozenset({"6"}),
        partner_types=frozenset({"22"}),
        years=(2020, 2023),
    )
    other = action(
        "puit eau",
        countries=frozenset({"BF"}),
        sectors=frozenset({"14020"}),
        categories=frozenset({"140"}),
        sdgs=frozenset({"6", "3"}),
        years=(2023, 2024),
    )
    parts = compare(asked, other, SQUARES, norm(asked, SQUARES)).components
    assert math.isclose(parts["text"], 4.0 / (math.sqrt(13.0) * math.sqrt(5.0)))
    assert math.isclose(parts["country"], 2 * 1 / 3)
    assert parts["sector"] == 0.5  # only the category
    assert math.isclose(parts["sdg"], 2 * 1 / 3)
    assert parts["partner"] == 0.0
    assert parts["period"] == 0.5  # 2023 of the two years 2023-2024


def test_components_the_asked_side_lacks_are_left_out() -> None:
    asked = of_description("puits", countries=["BF"])
    other = action("puit", countries=frozenset({"BF"}), sdgs=frozenset({"6"}))
    match = compare(asked, other, SQUARES, norm(asked, SQUARES))
    assert math.isclose(match.score, 1.0)  # text and country only, both full


def test_reasons_name_the_shared_codes_and_words_not_numbers() -> None:
    asked = action(
        "puit kaya eau 13",
        forms={"puit": "puits", "kaya": "Kaya", "eau": "eau", "13": "13"},
        countries=frozenset({"BF"}),
        sdgs=frozenset({"6", "11", "3"}),
    )
    other = action("puit kaya eau 13", countries=frozenset({"BF"}), sdgs=frozenset({"11", "3"}))
    why = explain(asked, other, SQUARES)
    assert why.words == ["Kaya", "puits", "eau"]  # the rarest first; 13 is no word
    assert why.countries == ["BF"]
    assert why.sdgs == ["3", "11"]


@pytest.mark.parametrize(
    ("data", "years"),
    [
        ({"planned_start": "2021-01-01", "planned_end": "2023-12-31"}, (2021, 2023)),
        ({"actual_start": "2022-05-01", "planned_start": "2021-01-01"}, (2022, 2022)),
        ({"planned_start": "2024", "planned_end": "2022"}, (2024, 2024)),
        ({"planned_end": "2023-01-01"}, None),
        ({"planned_start": "soon"}, None),
    ],
)
def test_the_period_of_an_action(data: dict[str, str], years: tuple[int, int] | None) -> None:
    assert period(data) == years
