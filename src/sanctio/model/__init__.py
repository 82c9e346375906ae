"""Frozen value types shared by every layer: entities, partial dates, problems."""

from sanctio.model.dates import PartialDate, year_span
from sanctio.model.entity import (
    IDENTIFIER_PROPS,
    NAME_PROPS,
    SCHEMAS,
    Entity,
    EntityBuilder,
    Relation,
    clean_text,
)
from sanctio.model.problems import Problem

__all__ = [
    "IDENTIFIER_PROPS",
    "NAME_PROPS",
    "SCHEMAS",
    "Entity",
    "EntityBuilder",
    "PartialDate",
    "Problem",
    "Relation",
    "clean_text",
    "year_span",
]
