-- 0001: immutable list versions; entity bodies deduplicated by content hash.
-- Migrations are applied in order of their number, each in one transaction, and never edited
-- once released: a change to the schema is a new file with the next number.

CREATE TABLE IF NOT EXISTS meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

CREATE TABLE IF NOT EXISTS versions (
    id             INTEGER PRIMARY KEY,
    source         TEXT NOT NULL,
    format         TEXT NOT NULL,
    published      TEXT NOT NULL,          -- ISO date the publisher released this version
    published_from TEXT NOT NULL,          -- file | option | http | folder
    fingerprint    TEXT NOT NULL UNIQUE,   -- sha256 of source + file checksums
    loaded_at      TEXT NOT NULL,
    entity_count   INTEGER NOT NULL,
    problem_count  INTEGER NOT NULL,
    schema_counts  TEXT NOT NULL           -- JSON {schema: count}
);
CREATE INDEX IF NOT EXISTS versions_source ON versions (source, published);

CREATE TABLE IF NOT EXISTS version_files (
    version_id INTEGER NOT NULL REFERENCES versions (id),
    path       TEXT NOT NULL,
    sha256     TEXT NOT NULL,
    size       INTEGER NOT NULL
);

CREATE TABLE IF NOT EXISTS blobs (
    hash TEXT PRIMARY KEY,
    data TEXT NOT NULL                     -- canonical entity JSON
) WITHOUT ROWID;

CREATE TABLE IF NOT EXISTS version_entities (
    version_id INTEGER NOT NULL REFERENCES versions (id),
    entity_id  TEXT NOT NULL,
    hash       TEXT NOT NULL REFERENCES blobs (hash),
    PRIMARY KEY (version_id, entity_id)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS version_entities_entity ON version_entities (entity_id);

CREATE TABLE IF NOT EXISTS problems (
    version_id INTEGER NOT NULL REFERENCES versions (id),
    file       TEXT NOT NULL,
    location   TEXT NOT NULL,
    field      TEXT NOT NULL,
    value      TEXT NOT NULL,
    message    TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS problems_version ON problems (version_id);

-- Versions are immutable once written.
CREATE TRIGGER IF NOT EXISTS versions_immutable BEFORE UPDATE ON versions
BEGIN SELECT RAISE(ABORT, 'list versions are immutable'); END;
CREATE TRIGGER IF NOT EXISTS versions_undeletable BEFORE DELETE ON versions
BEGIN SELECT RAISE(ABORT, 'list versions are immutable'); END;
CREATE TRIGGER IF NOT EXISTS version_entities_immutable BEFORE UPDATE ON version_entities
BEGIN SELECT RAISE(ABORT, 'list versions are immutable'); END;
CREATE TRIGGER IF NOT EXISTS version_entities_undeletable BEFORE DELETE ON version_entities
BEGIN SELECT RAISE(ABORT, 'list versions are immutable'); END;
