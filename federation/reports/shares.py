"""How an action's amounts are split between its countries and sector categories.

IATI practice: an amount is split by the published percentages. The rules, also stated in
every report (``RULES``):

- countries: by ``country_shares``; a country listed without a percentage gets an equal part
  of what the published percentages leave (100 minus their sum, never below 0); the parts are
  then scaled to sum to 1, so that the amounts by country add up to the action's amount. With
  no percentage at all the split is equal; with no country at all the whole amount goes to
  "country not given" (``""``);
- sectors: the same with ``sector_shares`` over the published sectors, then the parts of the
  sectors of one 3-digit category are added;
- a cell (country × category) gets the product of the two parts, and an amount is spread over
  the cells in hundredths with the largest-remainder method, so that the cells add up exactly
  to the amount (the cent left over goes to the largest remainder, ties to code order).

Counts are not split: an action counts once in each of its countries and categories."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import ROUND_HALF_EVEN, Decimal, InvalidOperation

HUNDRED = Decimal(100)
CENT = Decimal("0.01")

RULES: dict[str, list[str]] = {
    "fr": [
        "Une action est comptée une fois dans chacun de ses pays et dans chacune de ses "
        "catégories de secteur : la somme des comptes par pays ou par secteur dépasse le "
        "nombre d'actions (voir « totaux »).",
        "Les montants sont répartis entre pays selon les pourcentages publiés, et entre "
        "catégories de secteur selon les pourcentages des secteurs ; un pays ou un secteur sans "
        "pourcentage reçoit une part égale du reste ; sans aucun pourcentage, parts égales. "
        "Les parts sont ramenées à 100 % : les montants par pays totalisent les montants.",
        "Un filtre par pays ou catégorie de secteur retient la part des montants qui leur "
        "revient ; les autres filtres retiennent des actions entières.",
        "Les montants sont additionnés par devise, jamais mélangés ; une conversion n'est faite "
        "qu'avec la table de taux donnée, rappelée dans le rapport.",
        "Année d'un montant : celle du financement, sinon celle de l'action (début réel, sinon "
        "prévu). Le filtre « année » porte sur l'année de l'action.",
        "Type de financeur : le type d'acteur de la fiche du financeur dans l'index ; « non "
        "précisé » quand le financeur n'y est pas ou n'est que nommé.",
    ],
    "en": [
        "An action counts once in each of its countries and sector categories: counts by "
        "country or sector add up to more than the number of actions (see 'totals').",
        "Amounts are split between countries by the published percentages, and between sector "
        "categories by the sectors' percentages; a country or sector without one gets an equal "
        "part of the rest; with none at all, equal parts. Parts are scaled to 100%: amounts "
        "by country add up to the amounts.",
        "A country or sector-category filter keeps the part of the amounts that goes to them; "
        "the other filters keep whole actions.",
        "Amounts are added per currency, never mixed; they are converted only with the rate "
        "table given, which the report states.",
        "Year of an amount: the funding's year, else the action's (actual start, else planned). "
        "The 'year' filter is on the action's year.",
        "Funder type: the actor type of the funder's own record in the index; 'not given' when "
        "the funder is not in the index or only named.",
    ],
}


def percentage(text: object) -> Decimal | None:
    """A published percentage, or None when absent or not a number between 0 and 100."""
    if text is None:
        return None
    try:
        value = Decimal(str(text))
    except InvalidOperation:
        return None
    return value if value.is_finite() and 0 <= value <= HUNDRED else None


def weights(codes: Sequence[str], shares: Mapping[str, object]) -> dict[str, int]:
    """Each code's part (see the module's rules) as integer weights in proportion: the
    published percentages scaled to integers, exactly (integers are much faster than
    fractions, and ``spread`` only needs proportions). ``{"": 1}`` without codes."""
    if not codes:
        return {"": 1}
    given = {c: p for c in codes if (p := percentage(shares.get(c))) is not None} if shares else {}
    if not given:
        return dict.fromkeys(codes, 1)
    places = max(max(-int(p.as_tuple().exponent), 0) for p in given.values())
    published = {code: int(p.scaleb(places)) for code, p in given.items()}
    missing = len(codes) - len(published)
    # Each code without a percentage gets rest / missing: everything is multiplied by
    # ``missing`` to stay in integers.
    rest = max(0, 100 * 10**places - sum(published.values()))
    out = (
        {code: published[code] * missing if code in published else rest for code in codes}
        if missing
        else published
    )
    return out if any(out.values()) else dict.fromkeys(codes, 1)


def category_weights(
    sectors: Sequence[str], shares: Mapping[str, object], category_of: Mapping[str, str]
) -> dict[str, int]:
    """Each 3-digit category's weight: the weights of its published sectors, added."""
    by_category: dict[str, int] = {}
    for sector, weight in weights(sectors, shares).items():
        category = category_of.get(sector, sector) if sector else ""
        by_category[category] = by_category.get(category, 0) + weight
    return by_category


def cell_weights(
    countries: Mapping[str, int], categories: Mapping[str, int]
) -> list[tuple[tuple[str, str], int]]:
    """The country × category cells in code order, each weighing the product of the two."""
    return [
        ((c, s), countries[c] * categories[s])
        for c in sorted(countries)
        for s in sorted(categories)
    ]


def to_cents(amount: object) -> int | None:
    """A published amount in hundredths (half-even beyond two decimals), None if not a number."""
    if amount is None:
        return None
    try:
        value = Decimal(str(amount))
    except InvalidOperation:
        return None
    if not value.is_finite():
        return None
    return int((value / CENT).quantize(Decimal(1), rounding=ROUND_HALF_EVEN))


def spread(cents: int, weights: Sequence[int]) -> list[int]:
    """``cents`` spread over cells in proportion to integer ``weights``, by largest remainder:
    the result adds up to ``cents`` exactly; the lower index wins a tie."""
    if len(weights) == 1:
        return [cents]
    total = sum(weights)
    if total == 0:
        raise ValueError("weights add up to zero")
    sign = -1 if cents < 0 else 1
    whole = abs(cents)
    shares = [divmod(whole * weight, total) for weight in weights]
    floors = [floor for floor, _ in shares]
    left = whole - sum(floors)
    order = sorted(range(len(weights)), key=lambda i: (-shares[i][1], i))
    for i in order[:left]:
        floors[i] += 1
    return [sign * value for value in floors]
