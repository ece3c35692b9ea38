"""Tables of the reproducible reports (placeholder)."""
