"""`POST /screen/text` through the TestClient."""

from __future__ import annotations

from typing import Any


def test_text_names_a_listed_party_with_span(client: Any) -> None:
    text = "Payment blocked: the beneficiary was Arkady Rotenberg, according to the bank."
    r = client.post("/screen/text", json={"text": text})
    assert r.status_code == 200, r.text
    body = r.json()
    hits = {m["entity_id"] for m in body["mentions"]}
    assert "ofac-sdn:6925" in hits
    mention = next(m for m in body["mentions"] if m["entity_id"] == "ofac-sdn:6925")
    start, end = mention["span"]
    assert text[start:end].lower().startswith("arkady")
    assert body["lists"]["versions"]


def test_text_bad_input_is_a_4xx_envelope(client: Any) -> None:
    r = client.post("/screen/text", json={"text": ""})
    assert r.status_code in (400, 422)
    assert set(r.json()) == {"error"}
    r = client.post("/screen/text", json={"text": "hello", "kind": "pdf"})
    assert r.status_code in (400, 422)
    assert set(r.json()) == {"error"}
