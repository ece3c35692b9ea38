"""Reading the exports back: CSV cells, XLSX sheets, and the IATI XML Schema."""

from __future__ import annotations

import csv
import functools
import io
from pathlib import Path

from lxml import etree
from openpyxl import load_workbook
from openpyxl.workbook import Workbook

from tests.conftest import FIXTURES

VENDORED_XSD = FIXTURES / "iati" / "iati-activities-schema.xsd"
# The copy the project keeps beside the repository; absent where only the repository is cloned.
SHARED_XSD = (
    Path(__file__).resolve().parents[2].parent
    / "shared/data/iati/schemas/iati-activities-schema.xsd"
)


@functools.cache
def schema(path: Path = VENDORED_XSD) -> etree.XMLSchema:
    return etree.XMLSchema(etree.parse(str(path)))


def assert_valid(document: bytes, path: Path = VENDORED_XSD) -> etree._Element:
    """The parsed document, after checking it against the IATI 2.03 activity schema."""
    root = etree.fromstring(document)
    validator = schema(path)
    assert validator.validate(root), "\n".join(str(e) for e in validator.error_log)
    return root


def csv_rows(body: bytes, separator: str = ";") -> list[list[str]]:
    assert body.startswith(b"\xef\xbb\xbf"), "CSV must start with a UTF-8 byte order mark"
    text = body.decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text, newline=""), delimiter=separator))


def workbook(body: bytes) -> Workbook:
    return load_workbook(io.BytesIO(body))
