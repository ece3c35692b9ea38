"""The shared vocabulary of the federation as data files (SKOS code lists, ...) and a thin loader.

This package is data: it imports nothing from ``federation`` or ``workers``, so that a peer, a
script or a test can read the vocabulary without starting a node.
"""
