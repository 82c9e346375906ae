"""HTTP API: yente-compatible screening routes plus list management (see app.create_app)."""
