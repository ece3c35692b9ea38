"""The peers a node harvests: registered by an admin, described by their well-known document."""
