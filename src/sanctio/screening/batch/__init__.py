"""Batch use cases: read customer records, screen them in a pool, write results, re-screen books."""
