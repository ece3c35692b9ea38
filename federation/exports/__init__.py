"""Exports of index records: CSV, XLSX, IATI 2.03 activity XML, local authorities' yearly summary."""
