"""Tables of the same-actor clusters (placeholder)."""
