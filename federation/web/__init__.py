"""Server-rendered pages: one Jinja2 environment, one layout, one stylesheet (no build step)."""
