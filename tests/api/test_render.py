"""Per-snapshot rendering (api.render.Rendered) and the cached query-string defaults."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from sanctio.api.render import Rendered, entity_dict, scored_dict
from sanctio.api.state import Provenance
from sanctio.screening.service import ScreeningService
from sanctio.store.provenance import Seen

from .conftest import make_store, person


def _rendered(limit: int = 20_000) -> Rendered:
    seen = {"ofac-sdn:1": Seen(dt.date(2022, 1, 1), dt.date(2022, 3, 1), dt.date(2022, 2, 1))}
    return Rendered(seen, {}, {"versions": {}}, limit)


def test_an_entity_renders_once_as_entity_dict_does() -> None:
    rendered = _rendered()
    ivan = person("ofac-sdn", "1", "Ivan Petrov")
    first = rendered.entity(ivan)
    assert first == entity_dict(ivan, rendered.seen["ofac-sdn:1"])
    assert rendered.entity(ivan) is first


def test_a_scored_hit_does_not_change_the_shared_rendering() -> None:
    rendered = _rendered()
    ivan = person("ofac-sdn", "1", "Ivan Petrov")
    scored = scored_dict(ivan, rendered, 0.91234, True, ())
    expected = entity_dict(ivan, rendered.seen["ofac-sdn:1"])
    expected.update(score=0.9123, match=True, features={}, explanations={})
    assert scored == expected
    assert "score" not in rendered.entity(ivan)


def test_the_cache_is_bounded() -> None:
    rendered = _rendered(limit=2)
    people = [person("ofac-sdn", str(i), f"Person {i}") for i in range(3)]
    first = rendered.entity(people[0])
    rendered.entity(people[1])
    rendered.entity(people[2])  # over the limit: starts afresh
    assert rendered.entity(people[0]) is not first
    assert rendered.entity(people[0]) == first


def test_a_past_dates_snapshot_over_todays_versions_keeps_its_own_description(
    tmp_path: Path,
) -> None:
    """Rendered is cached per snapshot description, not per set of versions: a dated
    snapshot built before today's must not lend today's responses its date."""
    db = make_store(tmp_path / "s.db")
    service = ScreeningService(db)
    day = dt.date.today() - dt.timedelta(days=1)
    dated = service.as_of(day)  # nothing served yet: a dated build over today's versions
    assert service.refresh()
    today = service.serving()
    assert dated.key == today.key and dated is not today
    provenance = Provenance(db)
    assert provenance.rendered(dated).description["as_of"] == day.isoformat()
    assert provenance.rendered(today).description["as_of"] is None
    assert provenance.rendered(today) is provenance.rendered(today)
