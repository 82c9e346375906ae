"""sanctio: self-hosted sanctions screening over the official list files."""

__version__ = "0.1.0"
