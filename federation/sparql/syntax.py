"""What the endpoint must know of a query before pyoxigraph reads it: whether it is an update,
whether it calls another server (SERVICE), whether it names its own dataset (FROM).

pyoxigraph parses queries but does not say any of this, and it would follow a SERVICE clause
to any address: so the text is cut into the tokens where a keyword cannot hide (strings, IRIs,
comments, escaped characters of prefixed names) and the keywords are looked for in the rest."""

from __future__ import annotations

import re

# Tried in this order at each position, as the SPARQL grammar reads them.
_OPAQUE = re.compile(
    r"""
      '''(?:[^'\\]|\\.|'(?!''))*'''
    | \"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"
    | '(?:[^'\\\n\r]|\\.)*'
    | "(?:[^"\\\n\r]|\\.)*"
    | <[^<>"{}|^`\\\x00-\x20]*>
    | \#[^\n\r]*
    | \\.
    """,
    re.VERBOSE | re.DOTALL,
)
# A keyword is a word that is not part of a variable, a prefixed name or a longer word.
_WORD = r"(?<![\w:?$-]){}(?![\w:-])"
_SERVICE = re.compile(_WORD.format("SERVICE"), re.IGNORECASE)
_FROM = re.compile(_WORD.format("FROM"), re.IGNORECASE)
_PROLOGUE = re.compile(
    r"\s*(?:BASE\s*<>|PREFIX\s+[^\s:]*:\s*<>)", re.IGNORECASE
)  # once IRIs are emptied
_FIRST_WORD = re.compile(r"\s*([A-Za-z]+)")
UPDATE_KEYWORDS = frozenset(
    ("INSERT", "DELETE", "LOAD", "CLEAR", "CREATE", "DROP", "COPY", "MOVE", "ADD", "WITH")
)


def skeleton(text: str) -> str:
    """The query with every string, IRI and comment emptied (``""``, ``<>``, nothing)."""

    def emptied(match: re.Match[str]) -> str:
        token = match.group()
        if token[0] == "<":
            return "<>"
        if token[0] in "'\"":
            return '""'
        if token[0] == "#":
            return " "
        return "_"  # an escaped character of a prefixed name

    return _OPAQUE.sub(emptied, text)


def is_update(text: str) -> bool:
    """True when the text is a SPARQL Update request rather than a query."""
    rest = skeleton(text)
    while match := _PROLOGUE.match(rest):
        rest = rest[match.end() :]
    word = _FIRST_WORD.match(rest)
    return word is not None and word.group(1).upper() in UPDATE_KEYWORDS


def calls_service(text: str) -> bool:
    """True when the query has a SERVICE clause (a call to another SPARQL endpoint)."""
    return _SERVICE.search(skeleton(text)) is not None


def names_dataset(text: str) -> bool:
    """True when the query has FROM or FROM NAMED clauses (its own dataset)."""
    return _FROM.search(skeleton(text)) is not None
