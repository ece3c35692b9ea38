"""The demo federation: three regional nodes and a national node on one machine."""
