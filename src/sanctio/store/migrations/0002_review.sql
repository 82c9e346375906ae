-- 0002: alert review: runs with their evidence of screening, alerts, decisions, the
-- hash-chained audit trail (append-only) and webhook deliveries.
-- Plain standard SQL; the triggers are the one SQLite-specific form (PostgreSQL ports them).
-- Times are ISO 8601 UTC text; JSON columns are text; booleans are 0/1 integers.

CREATE TABLE review_runs (
    id          INTEGER PRIMARY KEY,
    book        TEXT NOT NULL,
    kind        TEXT NOT NULL,          -- full | delta
    status      TEXT NOT NULL,          -- ok | failed
    started_at  TEXT NOT NULL,
    finished_at TEXT NOT NULL,
    actor       TEXT NOT NULL,
    versions    TEXT NOT NULL,          -- JSON {source: "source@YYYY-MM-DD"}
    version_ids TEXT NOT NULL,          -- JSON {source: version id}
    settings    TEXT NOT NULL,          -- JSON {algorithm, threshold, normalizer}
    summary     TEXT NOT NULL           -- JSON counts (opened, updated, reopened, suppressed, ...)
);
CREATE INDEX review_runs_book ON review_runs (book, id);

-- Evidence of screening, hit or no hit: one row per customer per run.
CREATE TABLE screenings (
    customer_id TEXT NOT NULL,
    run_id      INTEGER NOT NULL REFERENCES review_runs (id),
    outcome     TEXT NOT NULL,          -- clear | alert | decided | error
    hits        INTEGER NOT NULL,       -- current hits of the customer after the run
    PRIMARY KEY (customer_id, run_id)
);

-- One row per (book, customer, listed entity): open, closed, re-opened in place.
CREATE TABLE alerts (
    id               INTEGER PRIMARY KEY,
    book             TEXT NOT NULL,
    customer_id      TEXT NOT NULL,
    customer_name    TEXT NOT NULL,
    customer_hash    TEXT NOT NULL,     -- hash of the customer's screened fields
    customer_fields  TEXT NOT NULL,     -- JSON {field: value} as screened
    entity_id        TEXT NOT NULL,
    entity_name      TEXT NOT NULL,
    entity_hash      TEXT NOT NULL,     -- content hash of the entity body (store blob)
    match_hash       TEXT NOT NULL,     -- hash of the entity's matching content
    version_id       INTEGER NOT NULL REFERENCES versions (id),
    list_version     TEXT NOT NULL,     -- source@YYYY-MM-DD the hit was found in
    algorithm        TEXT NOT NULL,
    threshold        REAL NOT NULL,
    score            REAL NOT NULL,
    features         TEXT NOT NULL,     -- JSON list of the score's features
    status           TEXT NOT NULL,     -- open | closed
    state            TEXT NOT NULL,     -- new | updated | reopened | escalated | awaiting-confirmation | decided | gone | delisted
    decision         TEXT,              -- the last decision: false-positive | true-match | escalate
    decided_by       TEXT,
    decided_at       TEXT,
    reason           TEXT,
    proposed_by      TEXT,              -- four-eyes: first actor of a true-match awaiting confirmation
    decided_customer_hash TEXT,         -- what the decision was about
    decided_match_hash    TEXT,
    changes          TEXT,              -- JSON: what changed since the decision (re-opened alerts)
    listed           INTEGER NOT NULL,  -- 0 once the entity left its list
    revision         INTEGER NOT NULL,  -- bumped by every change: racing decisions are refused
    opened_at        TEXT NOT NULL,
    updated_at       TEXT NOT NULL,
    first_run_id     INTEGER NOT NULL,
    last_run_id      INTEGER NOT NULL,
    UNIQUE (book, customer_id, entity_id)
);
CREATE INDEX alerts_status_score ON alerts (status, score, id);
CREATE INDEX alerts_book_status ON alerts (book, status, score);
CREATE INDEX alerts_entity ON alerts (entity_id);

-- Every decision and confirmation, in order.
CREATE TABLE decisions (
    id            INTEGER PRIMARY KEY,
    alert_id      INTEGER NOT NULL REFERENCES alerts (id),
    at            TEXT NOT NULL,
    actor         TEXT NOT NULL,
    decision      TEXT NOT NULL,        -- false-positive | true-match | escalate | confirm
    reason        TEXT NOT NULL,
    customer_hash TEXT NOT NULL,
    match_hash    TEXT NOT NULL,
    score         REAL NOT NULL,
    revision      INTEGER NOT NULL      -- the alert revision the decision was made on
);
CREATE INDEX decisions_alert ON decisions (alert_id, id);

-- The audit trail: each record carries the hash of the one before (hash chain).
CREATE TABLE audit_log (
    seq         INTEGER PRIMARY KEY,
    at          TEXT NOT NULL,
    actor       TEXT NOT NULL,
    action      TEXT NOT NULL,
    book        TEXT,
    customer_id TEXT,
    entity_id   TEXT,
    alert_id    INTEGER,
    run_id      INTEGER,
    decision    TEXT,
    reason      TEXT,
    evidence    TEXT NOT NULL,          -- canonical JSON
    prev_hash   TEXT NOT NULL,
    hash        TEXT NOT NULL UNIQUE
);
CREATE INDEX audit_log_alert ON audit_log (alert_id);

CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only: records cannot be changed'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only: records cannot be deleted'); END;

CREATE TABLE webhook_deliveries (
    id          INTEGER PRIMARY KEY,
    at          TEXT NOT NULL,
    url         TEXT NOT NULL,
    event       TEXT NOT NULL,
    run_id      INTEGER,
    body_sha256 TEXT NOT NULL,
    attempts    INTEGER NOT NULL,
    status_code INTEGER,
    ok          INTEGER NOT NULL,
    error       TEXT
);
