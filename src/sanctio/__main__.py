"""`python -m sanctio` runs the CLI."""

from sanctio.cli.main import app

app()
