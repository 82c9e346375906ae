-- 0001 on PostgreSQL: immutable list versions, entity bodies deduplicated by content hash,
-- and what SQLite keeps in side files or creates on first use: API keys and customer books.
-- Text keys use the "C" collation so that ORDER BY sorts as SQLite does (byte order).
-- Migrations are applied in order of their number, each in one transaction, and never edited
-- once released: a change to the schema is a new file with the next number.

CREATE TABLE IF NOT EXISTS meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

CREATE TABLE IF NOT EXISTS schema_migrations (
    number     INTEGER PRIMARY KEY,
    name       TEXT NOT NULL,
    applied_at TEXT NOT NULL
);

CREATE TABLE IF NOT EXISTS versions (
    id             BIGSERIAL PRIMARY KEY,
    source         TEXT COLLATE "C" NOT NULL,
    format         TEXT NOT NULL,
    published      TEXT COLLATE "C" NOT NULL,  -- ISO date the publisher released this version
    published_from TEXT NOT NULL,              -- file | option | http | folder
    fingerprint    TEXT COLLATE "C" NOT NULL UNIQUE,
    loaded_at      TEXT NOT NULL,
    entity_count   INTEGER NOT NULL,
    problem_count  INTEGER NOT NULL,
    schema_counts  TEXT NOT NULL               -- JSON {schema: count}
);
CREATE INDEX IF NOT EXISTS versions_source ON versions (source, published);

CREATE TABLE IF NOT EXISTS version_files (
    version_id BIGINT NOT NULL REFERENCES versions (id),
    path       TEXT NOT NULL,
    sha256     TEXT NOT NULL,
    size       BIGINT NOT NULL
);
CREATE INDEX IF NOT EXISTS version_files_version ON version_files (version_id);

CREATE TABLE IF NOT EXISTS blobs (
    hash TEXT COLLATE "C" PRIMARY KEY,
    data TEXT NOT NULL                         -- canonical entity JSON
);

CREATE TABLE IF NOT EXISTS version_entities (
    version_id BIGINT NOT NULL REFERENCES versions (id),
    entity_id  TEXT COLLATE "C" NOT NULL,
    hash       TEXT COLLATE "C" NOT NULL REFERENCES blobs (hash),
    PRIMARY KEY (version_id, entity_id)
);
CREATE INDEX IF NOT EXISTS version_entities_entity ON version_entities (entity_id);

CREATE TABLE IF NOT EXISTS problems (
    version_id BIGINT NOT NULL REFERENCES versions (id),
    file       TEXT NOT NULL,
    location   TEXT NOT NULL,
    field      TEXT NOT NULL,
    value      TEXT NOT NULL,
    message    TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS problems_version ON problems (version_id);

-- Versions are immutable once written: the server refuses updates, deletes and truncation.
CREATE OR REPLACE FUNCTION sanctio_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'list versions are immutable (% on %)', TG_OP, TG_TABLE_NAME;
END;
$$;
CREATE TRIGGER versions_immutable BEFORE UPDATE OR DELETE ON versions
    FOR EACH ROW EXECUTE FUNCTION sanctio_immutable();
CREATE TRIGGER version_entities_immutable BEFORE UPDATE OR DELETE ON version_entities
    FOR EACH ROW EXECUTE FUNCTION sanctio_immutable();
CREATE TRIGGER version_files_immutable BEFORE UPDATE OR DELETE ON version_files
    FOR EACH ROW EXECUTE FUNCTION sanctio_immutable();
CREATE TRIGGER blobs_immutable BEFORE UPDATE OR DELETE ON blobs
    FOR EACH ROW EXECUTE FUNCTION sanctio_immutable();
CREATE TRIGGER versions_untruncatable BEFORE TRUNCATE ON versions
    FOR EACH STATEMENT EXECUTE FUNCTION sanctio_immutable();
CREATE TRIGGER version_entities_untruncatable BEFORE TRUNCATE ON version_entities
    FOR EACH STATEMENT EXECUTE FUNCTION sanctio_immutable();
CREATE TRIGGER blobs_untruncatable BEFORE TRUNCATE ON blobs
    FOR EACH STATEMENT EXECUTE FUNCTION sanctio_immutable();

-- API keys (SQLite keeps them in a separate file beside the store, store/keys.py).
CREATE TABLE IF NOT EXISTS api_keys (
    id          TEXT PRIMARY KEY,
    hash        TEXT NOT NULL,
    scope       TEXT NOT NULL,
    label       TEXT NOT NULL DEFAULT '',
    created_at  TEXT NOT NULL,
    revoked_at  TEXT
);

-- Customer books (SQLite creates these on first use, store/book.py).
CREATE TABLE IF NOT EXISTS book_customers (
    book      TEXT COLLATE "C" NOT NULL,
    id        TEXT COLLATE "C" NOT NULL,
    line      INTEGER NOT NULL,
    fields    TEXT NOT NULL,
    digest    TEXT NOT NULL,
    screened  INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (book, id)
);
CREATE TABLE IF NOT EXISTS book_hits (
    book        TEXT COLLATE "C" NOT NULL,
    customer_id TEXT COLLATE "C" NOT NULL,
    entity_id   TEXT COLLATE "C" NOT NULL,
    score       DOUBLE PRECISION NOT NULL,
    version     TEXT NOT NULL,
    found_at    TEXT NOT NULL,
    PRIMARY KEY (book, customer_id, entity_id)
);
CREATE INDEX IF NOT EXISTS book_hits_entity ON book_hits (book, entity_id);
CREATE TABLE IF NOT EXISTS book_runs (
    id        BIGSERIAL PRIMARY KEY,
    book      TEXT NOT NULL,
    at        TEXT NOT NULL,
    kind      TEXT NOT NULL,
    versions  TEXT NOT NULL,
    settings  TEXT NOT NULL,
    summary   TEXT NOT NULL
);
