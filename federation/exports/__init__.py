"""Exports of index records: CSV, XLSX, IATI 2.03 activity XML, and the local authorities'
yearly development-aid summary (federation/exports/README.md)."""
