"""Candidate retrieval: an immutable in-memory index over list entities' names."""

from sanctio.index.name_index import Candidate, NameIndex
from sanctio.index.vocabulary import Vocabulary

__all__ = ["Candidate", "NameIndex", "Vocabulary"]
