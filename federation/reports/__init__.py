"""National figures from the index: aggregations, reproducible reports (issue 6, items 1-2).

How it works:

- ``store.refresh`` (called with every index change, in the same transaction) turns each actor
  and action row into facts (``facts.py``): its one-valued attributes (network, year, kind of
  action, status, actor type), its country × sector-category cells, its SDG goals, and each
  budget and funding spread over the cells in hundredths (``shares.py``: split by the published
  percentages, exact to the cent). It also adds what the record counts to running totals per
  network and year (``totals.py``, table ``report_total``), and moves a funding to its funder's
  new type when the funder's own record changes.
- A report (``service.produce``) reads the running totals when its filters are only networks,
  years and kinds: the national report is one read of ~50,000 totals for 100,000 actions.
  Any other filter (country, sector, SDG, kind of action, status, actor type) is answered by
  GROUP BY over the fact tables (``scan.py``); a test checks both give the same figures.
- Counting rules (stated in every report, ``shares.RULES``): an action counts once in each of
  its countries and sector categories, so counts by country exceed the number of actions (the
  report gives both); amounts are split by the published percentages (equal parts when there
  are none), per currency, never mixed; converted only with a rate table given by the user
  (``rates.py``), stated in the report; a funder's type is its own index row's actor type,
  "not given" when it is not in the index or only named.
- Reproducible: every report states each source network's as-of time (newest ``fetched_at`` of
  its rows, last successful harvest) and the code lists' versions and digests
  (``provenance.py``); its canonical JSON is stored compressed under its SHA-256 digest
  (``snapshots.py``), so ``GET /reports/{id}`` gives the very same report in JSON, CSV, XLSX
  or HTML after any later harvest. Kept while asked for within 400 days, 1,000 at most.
"""
