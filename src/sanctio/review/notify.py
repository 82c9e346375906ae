"""Notifications of a monitoring cycle: a webhook (JSON signed with HMAC-SHA256, retried
with backoff, each delivery recorded in the store) and/or one line on stdout.

The receiver checks `X-Sanctio-Signature: sha256=<hex>`, the HMAC-SHA256 with the shared
secret of `<X-Sanctio-Timestamp>.<body>`, and may refuse old timestamps (replays).
"""

from __future__ import annotations

import hashlib
import hmac
import json
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

import httpx

from sanctio.review.rescreen import Clock, stamp, utc_now
from sanctio.store.review import ReviewStore

SIGNATURE_HEADER = "X-Sanctio-Signature"
TIMESTAMP_HEADER = "X-Sanctio-Timestamp"
EVENT_HEADER = "X-Sanctio-Event"


def signature(secret: str, timestamp: str, body: bytes) -> str:
    """`sha256=<hex>` over `<timestamp>.<body>`."""
    mac = hmac.new(secret.encode("utf-8"), timestamp.encode("ascii") + b"." + body, "sha256")
    return "sha256=" + mac.hexdigest()


def valid_signature(secret: str, timestamp: str, body: bytes, header: str) -> bool:
    return hmac.compare_digest(signature(secret, timestamp, body), header)


@dataclass(frozen=True, slots=True)
class Webhook:
    url: str
    secret: str
    retries: int = 3
    backoff: float = 1.0  # seconds before the first retry, doubled each time
    timeout: float = 10.0


@dataclass(frozen=True, slots=True)
class Delivery:
    ok: bool
    attempts: int
    status_code: int | None
    error: str | None


def deliver(
    hook: Webhook,
    event: str,
    payload: Mapping[str, Any],
    review: ReviewStore,
    *,
    run_id: int | None = None,
    client: httpx.Client | None = None,
    sleep: Callable[[float], None] = time.sleep,
    clock: Clock = utc_now,
) -> Delivery:
    """POST the payload; retry on network errors, 429 and 5xx; record the outcome."""
    body = json.dumps({"event": event, **payload}, ensure_ascii=False, sort_keys=True).encode()
    own = client is None
    http = client or httpx.Client(timeout=hook.timeout)
    attempts, status, error = 0, None, None
    try:
        for attempt in range(hook.retries + 1):
            if attempt:
                sleep(hook.backoff * 2 ** (attempt - 1))
            attempts += 1
            timestamp = str(int(clock().timestamp()))
            headers = {
                "Content-Type": "application/json",
                SIGNATURE_HEADER: signature(hook.secret, timestamp, body),
                TIMESTAMP_HEADER: timestamp,
                EVENT_HEADER: event,
            }
            try:
                resp = http.post(hook.url, content=body, headers=headers, timeout=hook.timeout)
            except httpx.HTTPError as exc:
                status, error = None, f"{type(exc).__name__}: {exc}"
                continue
            status = resp.status_code
            if 200 <= status < 300:
                error = None
                break
            error = f"HTTP {status}"
            if status != 429 and status < 500:
                break  # the receiver refused it: retrying sends the same refused body
    finally:
        if own:
            http.close()
    result = Delivery(error is None, attempts, status, error)
    review.add_delivery(
        at=stamp(clock()),
        url=hook.url,
        event=event,
        run_id=run_id,
        body_sha256=hashlib.sha256(body).hexdigest(),
        attempts=attempts,
        status_code=status,
        ok=result.ok,
        error=error,
    )
    return result
