-- 0003: ownership data, versioned like list versions: every load kept, immutable, written in
-- one transaction. Independent of 0002 (review alerts): it only adds its own tables.

CREATE TABLE IF NOT EXISTS ownership_versions (
    id            INTEGER PRIMARY KEY,
    format        TEXT NOT NULL,           -- ftm | csv
    path          TEXT NOT NULL,
    sha256        TEXT NOT NULL,           -- of the files' checksums (the latest wins)
    loaded_at     TEXT NOT NULL,
    party_count   INTEGER NOT NULL,
    holding_count INTEGER NOT NULL,
    problem_count INTEGER NOT NULL
);

CREATE TABLE IF NOT EXISTS ownership_parties (
    version_id INTEGER NOT NULL REFERENCES ownership_versions (id),
    key        TEXT NOT NULL,
    listed_ids TEXT NOT NULL,              -- sanctio ids of the list entries it is, space-separated
    data       TEXT NOT NULL,              -- JSON: schema, properties, listed_ids
    PRIMARY KEY (version_id, key)
) WITHOUT ROWID;

CREATE TABLE IF NOT EXISTS ownership_holdings (
    version_id INTEGER NOT NULL REFERENCES ownership_versions (id),
    seq        INTEGER NOT NULL,           -- order in the file
    owner      TEXT NOT NULL,
    asset      TEXT NOT NULL,
    percentage TEXT,                       -- decimal as written, NULL: control only
    start_date TEXT NOT NULL,              -- ISO, possibly partial; '' = open
    end_date   TEXT NOT NULL,
    control    INTEGER NOT NULL,
    role       TEXT NOT NULL,
    file       TEXT NOT NULL,
    line       INTEGER NOT NULL,
    PRIMARY KEY (version_id, seq)
) WITHOUT ROWID;

CREATE TABLE IF NOT EXISTS ownership_problems (
    version_id INTEGER NOT NULL REFERENCES ownership_versions (id),
    file       TEXT NOT NULL,
    location   TEXT NOT NULL,
    field      TEXT NOT NULL,
    value      TEXT NOT NULL,
    message    TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS ownership_problems_version ON ownership_problems (version_id);

CREATE TRIGGER IF NOT EXISTS ownership_versions_immutable BEFORE UPDATE ON ownership_versions
BEGIN SELECT RAISE(ABORT, 'ownership versions are immutable'); END;
CREATE TRIGGER IF NOT EXISTS ownership_versions_undeletable BEFORE DELETE ON ownership_versions
BEGIN SELECT RAISE(ABORT, 'ownership versions are immutable'); END;
CREATE TRIGGER IF NOT EXISTS ownership_holdings_immutable BEFORE UPDATE ON ownership_holdings
BEGIN SELECT RAISE(ABORT, 'ownership versions are immutable'); END;
CREATE TRIGGER IF NOT EXISTS ownership_holdings_undeletable BEFORE DELETE ON ownership_holdings
BEGIN SELECT RAISE(ABORT, 'ownership versions are immutable'); END;
