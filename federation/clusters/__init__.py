"""The same actor across regions: clusters on official identifiers, name suggestions, decisions."""
