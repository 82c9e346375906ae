"""Screening use cases over an index: one query, a batch."""
