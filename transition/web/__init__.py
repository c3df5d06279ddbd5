"""The web intake of the shared store (issue 18): :func:`app.create_app`."""
