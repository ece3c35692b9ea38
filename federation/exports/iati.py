"""Actions as an IATI 2.03 activity file, valid against the official XML Schema (the tests
check every case against it with lxml).

Streamed: activities are written a batch at a time and each batch is sent before the next is
read, so memory does not grow with the number of actions. Each activity is written as text
(every value escaped by ``text.xml_escaped``), not built as an lxml tree: building ~50 lxml
elements per activity capped the export near 1,100 activities/s on the reference machine, a
fifth of the target (bench/bench_exports.py). Elements follow the schema's order. What the
index does not state directly (the reporting organisation, the identifiers, a missing date or
status, budget periods, transaction dates) is derived by the rules of ``iati_ids`` and
federation/exports/README.md.

The record's linked-data IRI is the activity's ``linked-data-uri`` attribute (the schema's own
hook for it) and a ``document-link`` of category A12 "Activity web page" (the IRI serves the
record's page to a browser)."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Iterator
from datetime import UTC, date, datetime
from itertools import islice
from typing import Any

from federation.codelists.registry import Scheme, codelists
from federation.common.bulk_memory import collector_paused
from federation.exports import iati_ids as ids
from federation.exports.context import CACHE_LIMIT, ExportContext
from federation.exports.rows import IndexRow
from federation.exports.tabular import utc_text
from federation.exports.text import xml_escaped as esc

IATI_VERSION = "2.03"
BATCH = 200  # activities per chunk sent
DISBURSED, COMMITTED = "disbursed", "committed"
INCOMING_FUNDS, INCOMING_COMMITMENT = "1", "11"
WEB_PAGE = "A12"  # DocumentCategory: activity web page
INTERNAL_ID = "A1"  # OtherIdentifierType: reporting organisation's internal activity id
ORIGINAL, INDICATIVE = "1", "1"  # BudgetType, BudgetStatus
FR, EN = ' xml:lang="fr"', ' xml:lang="en"'
ESTIMATED = (
    f"<narrative{FR}>Date estimée : l'action ne publie aucune date.</narrative>"
    f"<narrative{EN}>Estimated date: the action states no date.</narrative>"
)
Out = list[str]
_DECIMAL = re.compile(r"^\d{1,15}(\.\d{1,10})?$")  # percentages and amounts as published


def iati_stream(rows: Iterable[IndexRow], ctx: ExportContext) -> Iterator[bytes]:
    """The ``<iati-activities>`` document, one ``<iati-activity>`` per line, in chunks of
    ``BATCH`` activities. ``rows`` must hold at least one action (the schema wants one)."""
    generated = utc_text(datetime.now(UTC))
    yield (
        "<?xml version='1.0' encoding='UTF-8'?>\n"
        f'<iati-activities version="{IATI_VERSION}" generated-datetime="{generated}">\n'
    ).encode()
    remaining = iter(rows)
    while True:
        # Each batch is read and written with the cyclic collector paused (its objects are
        # acyclic; it cost 10-15 %), and resumed before the batch is sent.
        with collector_paused():
            batch = list(islice(remaining, BATCH))
            ctx.prefetch(batch)
            out: Out = []
            for row in batch:
                activity(out, row, ctx)
                out.append("\n")
            chunk = "".join(out).encode()
        if not batch:
            break
        yield chunk
    yield b"</iati-activities>\n"


def _markup(
    tag: str, ref: str | None, org_type: str | None, role: str | None, name: str | None
) -> str:
    """An organisation element: ``ref``, ``type``, ``role``, its name as a narrative."""
    attrs = "".join(
        f' {key}="{esc(value)}"'
        for key, value in (("ref", ref), ("type", org_type), ("role", role))
        if value is not None
    )
    if name:
        return f"<{tag}{attrs}><narrative>{esc(name)}</narrative></{tag}>"
    return f"<{tag}{attrs}/>"


def _party(
    ctx: ExportContext, tag: str, iri: object, name: object, org_type: object, *, role: str | None
) -> str:
    """A participant's or funder's element: a directory actor by its row; a partner by its
    name; an actor the index lacks by its IRI (as the tables show it). The same ones come
    back activity after activity: each is written once, then reused."""
    key = (tag, iri, name, org_type, role)
    found: str | None = ctx.memo.get(key)
    if found is not None:
        return found
    actor = ctx.actor(iri) if isinstance(iri, str) else None
    if actor is not None:
        found = _markup(tag, ids.org_ref(actor), ids.org_type(actor), role, actor.name)
    else:
        label = name if isinstance(name, str) and name else iri if isinstance(iri, str) else None
        kind = org_type if isinstance(org_type, str) else None
        found = _markup(tag, None, kind, role, label)
    if len(ctx.memo) >= CACHE_LIMIT:
        ctx.memo.clear()
    ctx.memo[key] = found
    return found


def _reporter_markup(ctx: ExportContext, reporter: ids.Organisation) -> tuple[str, str, str]:
    """The reporting organisation as reporting-org, receiver-org (of the fundings) and
    owner-org (of the external id); the same lead reports many actions."""
    key = ("reporter", reporter)
    found: tuple[str, str, str] | None = ctx.memo.get(key)
    if found is None:
        ref, kind, name = reporter.ref, reporter.type, reporter.name
        found = ctx.memo[key] = (
            _markup("reporting-org", ref, kind, None, name),
            _markup("receiver-org", ref, kind, None, name),
            _markup("owner-org", ref, None, None, name),
        )
    return found


def activity(out: Out, row: IndexRow, ctx: ExportContext) -> None:
    """One ``<iati-activity>`` (the actors it points to prefetched in ``ctx``)."""
    data = row.data
    reporter = ids.reporting_org(row, ctx)
    reporting, receiver, owner = _reporter_markup(ctx, reporter)
    currency = _default_currency(data)
    money = f' default-currency="{_code(currency)}"' if currency else ""
    out.append(
        f'<iati-activity last-updated-datetime="{utc_text(row.modified)}" xml:lang="fr"{money}'
        f' linked-data-uri="{esc(row.iri)}">'
        f"<iati-identifier>{esc(ids.activity_identifier(reporter, row))}</iati-identifier>"
        f"{reporting}"
        f"<title><narrative{FR}>{esc(row.name)}</narrative></title>"
        # The schema wants a description: the title stands in for a missing one.
        f'<description type="1"><narrative{FR}>{esc(row.description or row.name)}</narrative>'
        "</description>"
    )
    _participants(out, data, ctx, reporter)
    external_id = data.get("external_id")
    if isinstance(external_id, str) and external_id:
        out.append(
            f'<other-identifier ref="{esc(external_id)}" type="{INTERNAL_ID}">{owner}'
            "</other-identifier>"
        )
    dates = ids.activity_dates(data)
    out.append(f'<activity-status code="{ids.status(data, dates)}"/>')
    _dates(out, row, dates)
    shares = data.get("country_shares") or {}
    for code in data.get("countries") or ():
        out.append(f'<recipient-country code="{_code(code)}"{_share(shares.get(code))}/>')
    shares = data.get("sector_shares") or {}
    for code in data.get("sectors") or ():
        vocabulary = "2" if len(code) == 3 else "1"  # DAC 3-digit category, else 5-digit
        share = _share(shares.get(code))
        out.append(f'<sector vocabulary="{vocabulary}" code="{_code(code)}"{share}/>')
    for code in data.get("sdgs") or ():  # tag vocabularies: 2 SDG goals, 3 SDG targets
        out.append(f'<tag vocabulary="{"3" if "." in code else "2"}" code="{_code(code)}"/>')
    _budget(out, data, dates)
    _fundings(out, data, ctx, receiver)
    out.append(_web_page(ctx, row.source).format(url=esc(row.iri)))
    out.append("</iati-activity>")


def _amount(value: object) -> str | None:
    """An amount as published when it is a plain decimal (an xsd:decimal), else None."""
    return value if isinstance(value, str) and _DECIMAL.match(value) else None


@functools.cache
def _known_codes() -> frozenset[str]:
    lists = codelists()
    schemes = (Scheme.COUNTRY, Scheme.SECTOR, Scheme.SECTOR_CATEGORY, Scheme.SDG, Scheme.CURRENCY)
    return frozenset(concept.code for scheme in schemes for concept in lists[scheme].concepts())


def _code(code: object) -> str:
    """A code of a code list, written as is; anything else (the index reader lets none
    through) escaped."""
    text = str(code)
    return text if text in _known_codes() else esc(text)


def _default_currency(data: dict[str, Any]) -> str | None:
    budget = data.get("budget")
    if isinstance(budget, dict) and isinstance(budget.get("currency"), str):
        return str(budget["currency"])
    for item in data.get("fundings") or ():
        if isinstance(item.get("currency"), str):
            return str(item["currency"])
    return None


def _share(share: object) -> str:
    """A percentage as published ("70", "33.5"); anything that is not a plain decimal (the
    index reader lets none through) left out."""
    if isinstance(share, str) and _DECIMAL.match(share):
        return f' percentage="{share}"'
    return ""


def _participants(
    out: Out, data: dict[str, Any], ctx: ExportContext, reporter: ids.Organisation
) -> None:
    """The participants in order, then the funders not among them (role 1, Funding)."""
    seen: set[tuple[str, str]] = set()
    for item in data.get("participants") or ():
        role = item.get("role")
        if role not in ids.ROLES:
            continue
        actor, name = item.get("actor"), item.get("name")
        out.append(
            _party(ctx, "participating-org", actor, name, item.get("organisation_type"), role=role)
        )
        seen.add((role, actor or name or ""))
    for item in data.get("fundings") or ():
        funder, name = item.get("funder"), item.get("funder_name")
        key = ("1", funder or name or "")
        if key not in seen and key[1]:
            seen.add(key)
            out.append(_party(ctx, "participating-org", funder, name, None, role="1"))
    if not seen:  # the schema wants one: the reporting organisation, accountable
        out.append(_markup("participating-org", reporter.ref, reporter.type, "2", reporter.name))


def _dates(out: Out, row: IndexRow, dates: dict[str, date]) -> None:
    for code, value in dates.items():
        out.append(f'<activity-date type="{code}" iso-date="{value.isoformat()}"/>')
    if not dates:
        start = ids.estimated_start(row).isoformat()
        out.append(f'<activity-date type="1" iso-date="{start}">{ESTIMATED}</activity-date>')


def _value(amount: str, currency: object, value_date: str) -> str:
    """A ``<value>`` of an amount as published (checked by ``_amount``)."""
    money = f' currency="{_code(currency)}"' if isinstance(currency, str) and currency else ""
    return f'<value value-date="{value_date}"{money}>{amount}</value>'


def _budget(out: Out, data: dict[str, Any], dates: dict[str, date]) -> None:
    budget = data.get("budget")
    amount = _amount(budget.get("amount")) if isinstance(budget, dict) else None
    period = ids.budget_period(data, dates) if amount is not None else None
    if amount is None or period is None or not isinstance(budget, dict):
        return
    start, end = (day.isoformat() for day in period)
    out.append(
        f'<budget type="{ORIGINAL}" status="{INDICATIVE}"><period-start iso-date="{start}"/>'
        f'<period-end iso-date="{end}"/>{_value(amount, budget.get("currency"), start)}</budget>'
    )


def _fundings(out: Out, data: dict[str, Any], ctx: ExportContext, receiver: str) -> None:
    """Planned fundings as planned disbursements (over their year); committed and disbursed
    ones as incoming commitments and incoming funds dated 1 January of their year (the index
    keeps the year only). All planned disbursements come first, as the schema orders them."""
    transactions: Out = []
    for item in data.get("fundings") or ():
        amount, year = _amount(item.get("amount")), item.get("year")
        if amount is None or not isinstance(year, int) or not 1900 <= year <= 2200:
            continue
        funder, name = item.get("funder"), item.get("funder_name")
        provider = _party(ctx, "provider-org", funder, name, None, role=None)
        first = f"{year:04d}-01-01"
        value = _value(amount, item.get("currency"), first)
        status = item.get("status")
        if status in (DISBURSED, COMMITTED):
            code = INCOMING_FUNDS if status == DISBURSED else INCOMING_COMMITMENT
            transactions.append(
                f'<transaction><transaction-type code="{code}"/>'
                f'<transaction-date iso-date="{first}"/>{value}{provider}{receiver}</transaction>'
            )
        else:
            out.append(
                f'<planned-disbursement type="{ORIGINAL}"><period-start iso-date="{first}"/>'
                f'<period-end iso-date="{year:04d}-12-31"/>{value}{provider}{receiver}'
                "</planned-disbursement>"
            )
    out.extend(transactions)


def _web_page(ctx: ExportContext, source: str) -> str:
    """The document-link of a source's records, with ``{url}`` to fill in."""
    key = ("document-link", source)
    found: str | None = ctx.memo.get(key)
    if found is None:
        network = esc(ctx.source_name(source)).replace("{", "{{").replace("}", "}}")
        found = ctx.memo[key] = (
            '<document-link url="{url}" format="text/html"><title>'
            f"<narrative{FR}>Fiche de l'action dans l'annuaire du réseau {network}</narrative>"
            f"<narrative{EN}>The action's record in the directory of the network {network}"
            f'</narrative></title><category code="{WEB_PAGE}"/><language code="fr"/>'
            "</document-link>"
        )
    return found
