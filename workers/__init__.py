"""Celery workers of the node: thin tasks that call ``federation`` services (harvesting lands
here in a later step). Imports go one way: workers → federation → schemas."""
