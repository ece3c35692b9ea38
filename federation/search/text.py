"""Words for full-text search: the same folding and stemming when a record is indexed and
when a query is read, on SQLite and PostgreSQL alike.

Each word is lower-cased, stemmed in French and in English (Snowball, the stemmers of
PostgreSQL's ``french``/``english`` configurations), and the stems folded to ASCII, so that
"Éducation", "education" and "éducatives" meet, and a French record is found by an English
word of its code labels. Stemming happens here rather than in the database because SQLite's
FTS5 has no French stemmer: both databases then see the same stems and answer alike."""

from __future__ import annotations

import functools
import re
import unicodedata

import snowballstemmer

_WORD = re.compile(r"\w+")
_FRENCH = snowballstemmer.stemmer("french")
_ENGLISH = snowballstemmer.stemmer("english")
MAX_QUERY_WORDS = 32

# Words too common to mean anything in a directory of cooperation projects (French, English).
STOP_WORDS = frozenset(
    """
    a au aux avec ce ces d dans de des du elle en et eux il ils je la le les leur leurs lui
    ma mais me meme mes moi mon ne nos notre nous on ou par pas pour qu que qui sa se ses son
    sur ta te tes toi ton tu un une vos votre vous c l j m n s t y ete etre avoir est sont
    an and are as at be by for from has have in is it its of on or that the their this to was
    were will with
    """.split()  # noqa: SIM905
)


def fold(text: str) -> str:
    """Lower case without accents ("Éé" -> "ee", "œ" -> "oe")."""
    decomposed = unicodedata.normalize("NFKD", text.lower().replace("œ", "oe").replace("æ", "ae"))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@functools.lru_cache(maxsize=262_144)
def stems(word: str) -> tuple[str, ...]:
    """The French and English stems of a lower-case word, folded (one or two)."""
    french = fold(_FRENCH.stemWord(word))
    english = fold(_ENGLISH.stemWord(word))
    return (french,) if french == english else (french, english)


@functools.lru_cache(maxsize=262_144)
def _stored(word: str) -> str:
    """What a lower-case word adds to the full-text table: its stems, or "" for a stop word."""
    return "" if fold(word) in STOP_WORDS else " ".join(stems(word))


def words(text: str) -> list[str]:
    """The lower-case words of ``text`` that are not stop words."""
    return [w for w in _WORD.findall(text.lower()) if _stored(w)]


def indexed(text: str | None) -> str:
    """What the full-text table stores for ``text``: its stems, separated by spaces."""
    if not text:
        return ""
    return " ".join(filter(None, map(_stored, _WORD.findall(text.lower()))))


def query_terms(text: str) -> list[tuple[str, ...]]:
    """A query's terms: for each word, the stems any of which may match (all words must)."""
    terms = [stems(word) for word in words(text)]
    return list(dict.fromkeys(terms))[:MAX_QUERY_WORDS]
