"""National figures from the index: aggregations, reproducible reports."""
