"""The web UI: HTML pages and vendored static assets served by the API app (no build step)."""
