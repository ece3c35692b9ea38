"""What a browser gets at ``GET /sparql`` without a query: a small form, an example query, the
limits, and the links to the service description."""

from __future__ import annotations

from html import escape

from federation.settings import Settings
from federation.sparql.description import limits_en, limits_fr
from federation.sparql.store import Snapshot
from schemas.namespaces import RRMA

EXAMPLE = f"""PREFIX rrma: <{RRMA}>
SELECT ?country (COUNT(DISTINCT ?action) AS ?actions)
WHERE {{ ?action a rrma:Action ; rrma:recipientCountry ?country }}
GROUP BY ?country
ORDER BY DESC(?actions)"""


def form_page(settings: Settings, snapshot: Snapshot) -> str:
    graphs = "".join(
        f"<li><code>{escape(iri)}</code> : {records} fiches / records, {triples} triplets</li>"
        for iri, (records, triples) in sorted(snapshot.graphs.items())
    )
    return f"""<!DOCTYPE html>
<html lang="fr">
<head><meta charset="utf-8"><title>SPARQL — {escape(settings.network_name)}</title></head>
<body>
<h1>Point d'accès SPARQL / SPARQL endpoint</h1>
<p>{escape(limits_fr(settings))}</p>
<p lang="en">{escape(limits_en(settings))}</p>
<form method="get" action="sparql">
<p><label for="query">Requête / Query</label><br>
<textarea id="query" name="query" rows="12" cols="90">{escape(EXAMPLE)}</textarea></p>
<p><label for="format">Format</label>
<select id="format" name="format">
<option value="json">SPARQL JSON</option><option value="xml">SPARQL XML</option>
<option value="csv">CSV</option><option value="tsv">TSV</option>
<option value="ttl">Turtle (CONSTRUCT, DESCRIBE)</option>
</select>
<button type="submit">Exécuter / Run</button></p>
</form>
<h2>Graphes nommés / Named graphs</h2>
<p>Index au / index as of {escape(snapshot.as_of.isoformat())}</p>
<ul>{graphs}</ul>
<p><a href="sparql?format=ttl">Description du service / Service description (Turtle)</a></p>
</body>
</html>
"""
