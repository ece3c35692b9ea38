"""Text as XML (IATI, XLSX) can hold it."""

from __future__ import annotations

import re

# XML 1.0 has no place for C0 controls but tab, newline and carriage return, for lone
# surrogates, nor for U+FFFE/U+FFFF; a record's text could carry them (JSON and N-Triples can).
_NOT_IN_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_NEEDS_WORK = re.compile(r'[&<>"\r\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]')
# "\r" as a reference, or a parser would turn it into "\n".
_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "\r": "&#13;"})


def xml_safe(text: str) -> str:
    """``text`` without the characters XML 1.0 cannot hold."""
    return _NOT_IN_XML.sub("", text)


def xml_escaped(text: str) -> str:
    """``text`` ready to go between tags or in a double-quoted attribute: markup characters
    escaped, the characters XML cannot hold dropped. Most texts need nothing: one scan."""
    if _NEEDS_WORK.search(text) is None:
        return text
    return xml_safe(text).translate(_ESCAPES)
