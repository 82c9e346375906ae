"""Customer books on both backends: add, update, record a run, read hits back."""

from __future__ import annotations

from sanctio.model.customer import BatchRow
from sanctio.store.book import Book
from sanctio.store.sqlite import Store


def test_book_round_trip(store_target: str) -> None:
    Store.open(store_target).close()
    with Book.open(store_target, "retail") as book:
        rows = [BatchRow(2, {"id": "c1", "name": "Ann"}), BatchRow(3, {"id": "c2", "name": "Bo"})]
        assert book.add(rows) == {"added": 2, "updated": 0, "unchanged": 0, "errors": 0}
        changed = [
            BatchRow(2, {"id": "c1", "name": "Anne"}),
            BatchRow(3, {"id": "c2", "name": "Bo"}),
        ]
        assert book.add(changed) == {"added": 0, "updated": 1, "unchanged": 1, "errors": 0}
        assert book.size() == 2
        book.record(
            kind="full",
            versions={"ofac-sdn": 1},
            settings={"threshold": 0.7},
            summary={"hits": 1},
            records=[
                {"query_id": "c1", "entity_id": "ofac-sdn:1", "score": 0.9, "match": True},
                {"query_id": "c2", "entity_id": "ofac-sdn:2", "score": 0.4, "match": False},
            ],
            screened=["c1", "c2"],
        )
        book.record(
            kind="delta",
            versions={"ofac-sdn": 2},
            settings={"threshold": 0.7},
            summary={"hits": 1},
            records=[{"query_id": "c1", "entity_id": "ofac-sdn:1", "score": 0.95, "match": True}],
            screened=["c1"],
        )
        assert book.hits() == {("c1", "ofac-sdn:1"): 0.95}
        run = book.require_run()
        assert run.kind == "delta" and run.versions == {"ofac-sdn": 2}
        assert [r.query_id for r in book.customers(screened=True)] == ["c1", "c2"]
    with Book.open(store_target, "other") as other:
        assert other.size() == 0 and other.last_run() is None
