"""The report of conftest.fill, worked out by hand (the arithmetic is in the comments).

X1 (own, 2024): BF 70 % / SN 30 %, sectors 14030 60 % (category 140) / 15110 40 % (151): cells
BF-140 42 %, BF-151 28 %, SN-140 18 %, SN-151 12 %. Budget 1000.00 EUR; fundings 600.00 EUR by
A2 (collectivite) in 2024 and 100000.00 XOF by a named funder in 2025.
X2 (peer, 2023): BF and ML without percentages (50/50), 14030 and 14031 (both category 140).
Budget 333.33 EUR: 33333 hundredths, BF gets the odd one (tie, code order): 166.67 / 166.66.
Funding 200.00 EUR by an actor not in the index (funder type unknown).
X3 (own, no year): no country, no sector; funding 50.00 USD by A1 (association) in 2022."""

from __future__ import annotations

from typing import Any

from tests.reports.conftest import OWN, PEER

TABLES: dict[str, list[list[Any]]] = {
    "actors_by_type_region": [
        [PEER, "association", 1],
        [OWN, "association", 1],
        [OWN, "collectivite", 1],
    ],
    "actions_by_region": [[PEER, 1], [OWN, 2]],
    "actions_by_year": [[None, 1], [2023, 1], [2024, 1]],
    # 5 > 3 actions: X1 and X2 count in each of their countries.
    "actions_by_country": [[None, 1], ["BF", 2], ["ML", 1], ["SN", 1]],
    "actions_by_sector": [[None, 1], ["140", 2], ["151", 1]],
    "actions_by_country_sector_region_year": [
        [None, None, OWN, None, 1],
        ["BF", "140", PEER, 2023, 1],
        ["BF", "140", OWN, 2024, 1],
        ["BF", "151", OWN, 2024, 1],
        ["ML", "140", PEER, 2023, 1],
        ["SN", "140", OWN, 2024, 1],
        ["SN", "151", OWN, 2024, 1],
    ],
    "sdg_goals": [["4", 0, 1], ["6", 2, 2], ["16", 1, 0]],
    "budgets_total": [["EUR", "1333.33", 2]],
    "budgets_by_year": [[2023, "EUR", "333.33", 1], [2024, "EUR", "1000.00", 1]],
    "budgets_by_country": [
        ["BF", "EUR", "866.67", 2],  # 700.00 + 166.67
        ["ML", "EUR", "166.66", 1],
        ["SN", "EUR", "300.00", 1],
    ],
    "budgets_by_sector": [
        ["140", "EUR", "933.33", 2],  # 600.00 + 333.33
        ["151", "EUR", "400.00", 1],
    ],
    "budgets_by_region": [[PEER, "EUR", "333.33", 1], [OWN, "EUR", "1000.00", 1]],
    "fundings_total": [["EUR", "800.00", 2], ["USD", "50.00", 1], ["XOF", "100000.00", 1]],
    "fundings_by_year": [
        [2022, "USD", "50.00", 1],
        [2023, "EUR", "200.00", 1],
        [2024, "EUR", "600.00", 1],
        [2025, "XOF", "100000.00", 1],
    ],
    "fundings_by_country": [
        [None, "USD", "50.00", 1],
        ["BF", "EUR", "520.00", 2],  # 420.00 of X1's 600, 100.00 of X2's 200
        ["BF", "XOF", "70000.00", 1],
        ["ML", "EUR", "100.00", 1],
        ["SN", "EUR", "180.00", 1],
        ["SN", "XOF", "30000.00", 1],
    ],
    "fundings_by_sector": [
        [None, "USD", "50.00", 1],
        ["140", "EUR", "560.00", 2],  # 360.00 + 200.00
        ["140", "XOF", "60000.00", 1],
        ["151", "EUR", "240.00", 1],
        ["151", "XOF", "40000.00", 1],
    ],
    "fundings_by_region": [
        [PEER, "EUR", "200.00", 1],
        [OWN, "EUR", "600.00", 1],
        [OWN, "USD", "50.00", 1],
        [OWN, "XOF", "100000.00", 1],
    ],
    "fundings_by_funder_type": [
        [None, "EUR", "200.00", 1],
        [None, "XOF", "100000.00", 1],
        ["association", "USD", "50.00", 1],
        ["collectivite", "EUR", "600.00", 1],
    ],
}

TOTALS = {
    "actors": 3,
    "actions": 3,
    "actions_counted_by_country": 5,
    "actions_counted_by_sector": 4,
}
