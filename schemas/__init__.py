"""The shared vocabulary of the federation as data files and a thin loader.

``ontology.ttl`` (our ``rrma:`` terms), ``shapes.ttl`` (SHACL shapes of the published records),
``context.jsonld`` (the JSON-LD context) and ``concepts/*.ttl`` (SKOS code lists), read by
``vocabulary`` and ``concepts``; ``namespaces`` names every IRI the code uses.

This package is data: it imports nothing from ``federation`` or ``workers``, so that a peer, a
script or a test can read the vocabulary without starting a node.
"""
