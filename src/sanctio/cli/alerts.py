"""`sanctio alerts list|show|decide|confirm`: review the alerts book re-screening opened."""

from __future__ import annotations

import getpass
import json
import os
from typing import Annotated

import typer
from rich.table import Table

from sanctio.cli.context import state
from sanctio.cli.errors import reported
from sanctio.cli.output import console, emit_json
from sanctio.review.alerts import AlertFilter, alert_detail, alert_dict, list_alerts
from sanctio.review.decisions import DECISIONS, ReviewPolicy, confirm, decide
from sanctio.store.review import ReviewStore

app = typer.Typer(help="Review alerts: list, show, decide, confirm.", no_args_is_help=True)

Opt = typer.Option
JsonOpt = Annotated[bool, Opt("--json", help="One JSON object per line.")]
ActorOpt = Annotated[str | None, Opt("--actor", help="Who decides [the login name].")]


def _review(ctx: typer.Context) -> ReviewStore:
    return ReviewStore.open(state(ctx).settings.db_path)


def _actor(actor: str | None) -> str:
    if actor:
        return actor
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "unknown"


@app.command("list")
def list_cmd(
    ctx: typer.Context,
    status: Annotated[str, Opt(help="open, closed or all.")] = "open",
    book: Annotated[str | None, Opt(help="Only this book.")] = None,
    source: Annotated[str | None, Opt("--list", help="Only hits on this list (ofac-sdn).")] = None,
    min_score: Annotated[float | None, Opt(help="Only alerts scoring at least this.")] = None,
    order: Annotated[str, Opt(help="score (most likely first) or id.")] = "score",
    limit: Annotated[int, Opt(help="At most this many.")] = 100,
    offset: Annotated[int, Opt(help="Skip this many.")] = 0,
    as_json: JsonOpt = False,
) -> None:
    """Alerts, most likely first."""
    with reported(), _review(ctx) as review:
        filters = AlertFilter(status, book, source, min_score, order, limit, offset)
        found = list_alerts(review, filters)
    if as_json:
        for alert in found:
            print(json.dumps(alert_dict(alert), ensure_ascii=False))
        return
    table = Table(title=f"{len(found)} {status} alert(s)")
    for col in ("id", "book", "customer", "entity", "score", "status", "state", "decision"):
        table.add_column(col, justify="right" if col in ("id", "score") else "left")
    for a in found:
        table.add_row(
            str(a.id),
            a.book,
            f"{a.customer_id} {a.customer_name}",
            f"{a.entity_id} {a.entity_name}",
            f"{a.score:.3f}",
            a.status,
            a.state,
            a.decision or "",
        )
    console().print(table)


@app.command()
def show(ctx: typer.Context, alert_id: Annotated[int, typer.Argument(metavar="ID")]) -> None:
    """One alert: both sides, the score's features, decisions and audit records (JSON)."""
    with reported(), _review(ctx) as review, state(ctx).store() as store:
        emit_json(alert_detail(review, store, alert_id))


@app.command("decide")
def decide_cmd(
    ctx: typer.Context,
    alert_id: Annotated[int, typer.Argument(metavar="ID")],
    decision: Annotated[str, Opt(help=" | ".join(DECISIONS))],
    reason: Annotated[str, Opt(help="Why: kept in the audit trail.")],
    actor: ActorOpt = None,
    revision: Annotated[
        int | None, Opt(help="Refuse if the alert changed since this revision.")
    ] = None,
) -> None:
    """Decide an open alert; refused (exit 2) if it is closed or changed meanwhile."""
    with reported(), _review(ctx) as review:
        policy = ReviewPolicy.from_env(os.environ)
        alert = decide(
            review, alert_id, decision, reason, _actor(actor), policy=policy, revision=revision
        )
        emit_json(alert_dict(alert))


@app.command("confirm")
def confirm_cmd(
    ctx: typer.Context,
    alert_id: Annotated[int, typer.Argument(metavar="ID")],
    reason: Annotated[str, Opt(help="Why: kept in the audit trail.")] = "confirmed",
    actor: ActorOpt = None,
) -> None:
    """Four eyes: a second reviewer confirms a proposed true match."""
    with reported(), _review(ctx) as review:
        emit_json(alert_dict(confirm(review, alert_id, _actor(actor), reason)))
