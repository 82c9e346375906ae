"""Server-rendered pages for analysts, mounted at `/ui` by the API (see `create_ui`)."""
