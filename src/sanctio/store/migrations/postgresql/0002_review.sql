-- 0002 on PostgreSQL: alert review (see ../0002_review.sql for what each column means).
-- The same tables as on SQLite: ids from sequences, scores in double precision (REAL is
-- single precision here), text keys in the "C" collation (SQLite's byte order), and the
-- audit log's refusal of edits as PL/pgSQL triggers.

CREATE TABLE review_runs (
    id          BIGSERIAL PRIMARY KEY,
    book        TEXT COLLATE "C" NOT NULL,
    kind        TEXT NOT NULL,
    status      TEXT NOT NULL,
    started_at  TEXT NOT NULL,
    finished_at TEXT NOT NULL,
    actor       TEXT NOT NULL,
    versions    TEXT NOT NULL,
    version_ids TEXT NOT NULL,
    settings    TEXT NOT NULL,
    summary     TEXT NOT NULL
);
CREATE INDEX review_runs_book ON review_runs (book, id);

CREATE TABLE screenings (
    customer_id TEXT COLLATE "C" NOT NULL,
    run_id      BIGINT NOT NULL REFERENCES review_runs (id),
    outcome     TEXT NOT NULL,
    hits        INTEGER NOT NULL,
    PRIMARY KEY (customer_id, run_id)
);

CREATE TABLE alerts (
    id               BIGSERIAL PRIMARY KEY,
    book             TEXT COLLATE "C" NOT NULL,
    customer_id      TEXT COLLATE "C" NOT NULL,
    customer_name    TEXT NOT NULL,
    customer_hash    TEXT NOT NULL,
    customer_fields  TEXT NOT NULL,
    entity_id        TEXT COLLATE "C" NOT NULL,
    entity_name      TEXT NOT NULL,
    entity_hash      TEXT NOT NULL,
    match_hash       TEXT NOT NULL,
    version_id       BIGINT NOT NULL REFERENCES versions (id),
    list_version     TEXT NOT NULL,
    algorithm        TEXT NOT NULL,
    threshold        DOUBLE PRECISION NOT NULL,
    score            DOUBLE PRECISION NOT NULL,
    features         TEXT NOT NULL,
    status           TEXT COLLATE "C" NOT NULL,
    state            TEXT NOT NULL,
    decision         TEXT,
    decided_by       TEXT,
    decided_at       TEXT,
    reason           TEXT,
    proposed_by      TEXT,
    decided_customer_hash TEXT,
    decided_match_hash    TEXT,
    changes          TEXT,
    listed           INTEGER NOT NULL,
    revision         INTEGER NOT NULL,
    opened_at        TEXT NOT NULL,
    updated_at       TEXT NOT NULL,
    first_run_id     BIGINT NOT NULL,
    last_run_id      BIGINT NOT NULL,
    UNIQUE (book, customer_id, entity_id)
);
CREATE INDEX alerts_status_score ON alerts (status, score, id);
CREATE INDEX alerts_book_status ON alerts (book, status, score);
CREATE INDEX alerts_entity ON alerts (entity_id);

CREATE TABLE decisions (
    id            BIGSERIAL PRIMARY KEY,
    alert_id      BIGINT NOT NULL REFERENCES alerts (id),
    at            TEXT NOT NULL,
    actor         TEXT NOT NULL,
    decision      TEXT NOT NULL,
    reason        TEXT NOT NULL,
    customer_hash TEXT NOT NULL,
    match_hash    TEXT NOT NULL,
    score         DOUBLE PRECISION NOT NULL,
    revision      INTEGER NOT NULL
);
CREATE INDEX decisions_alert ON decisions (alert_id, id);

CREATE TABLE audit_log (
    seq         BIGINT PRIMARY KEY,
    at          TEXT NOT NULL,
    actor       TEXT NOT NULL,
    action      TEXT NOT NULL,
    book        TEXT,
    customer_id TEXT,
    entity_id   TEXT,
    alert_id    BIGINT,
    run_id      BIGINT,
    decision    TEXT,
    reason      TEXT,
    evidence    TEXT NOT NULL,
    prev_hash   TEXT NOT NULL,
    hash        TEXT NOT NULL UNIQUE
);
CREATE INDEX audit_log_alert ON audit_log (alert_id);

CREATE FUNCTION sanctio_audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'UPDATE' THEN
        RAISE EXCEPTION 'the audit log is append-only: records cannot be changed';
    END IF;
    RAISE EXCEPTION 'the audit log is append-only: records cannot be deleted';
END;
$$;
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
    FOR EACH ROW EXECUTE FUNCTION sanctio_audit_append_only();
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
    FOR EACH ROW EXECUTE FUNCTION sanctio_audit_append_only();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
    FOR EACH STATEMENT EXECUTE FUNCTION sanctio_audit_append_only();

CREATE TABLE webhook_deliveries (
    id          BIGSERIAL PRIMARY KEY,
    at          TEXT NOT NULL,
    url         TEXT NOT NULL,
    event       TEXT NOT NULL,
    run_id      BIGINT,
    body_sha256 TEXT NOT NULL,
    attempts    INTEGER NOT NULL,
    status_code INTEGER,
    ok          INTEGER NOT NULL,
    error       TEXT
);
