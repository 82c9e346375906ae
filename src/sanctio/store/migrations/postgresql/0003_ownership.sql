-- 0003 on PostgreSQL: ownership data (see ../0003_ownership.sql for what each column means).
-- The same tables as on SQLite: version ids from a sequence, party keys and holding ends in
-- the "C" collation (SQLite's byte order), and the refusal of edits as PL/pgSQL triggers
-- (which also refuse TRUNCATE, a statement SQLite does not have).

CREATE TABLE IF NOT EXISTS ownership_versions (
    id            BIGSERIAL PRIMARY KEY,
    format        TEXT NOT NULL,
    path          TEXT NOT NULL,
    sha256        TEXT COLLATE "C" NOT NULL,
    loaded_at     TEXT NOT NULL,
    party_count   INTEGER NOT NULL,
    holding_count INTEGER NOT NULL,
    problem_count INTEGER NOT NULL
);

CREATE TABLE IF NOT EXISTS ownership_parties (
    version_id BIGINT NOT NULL REFERENCES ownership_versions (id),
    key        TEXT COLLATE "C" NOT NULL,
    listed_ids TEXT NOT NULL,
    data       TEXT NOT NULL,
    PRIMARY KEY (version_id, key)
);

CREATE TABLE IF NOT EXISTS ownership_holdings (
    version_id BIGINT NOT NULL REFERENCES ownership_versions (id),
    seq        INTEGER NOT NULL,
    owner      TEXT COLLATE "C" NOT NULL,
    asset      TEXT COLLATE "C" NOT NULL,
    percentage TEXT,
    start_date TEXT COLLATE "C" NOT NULL,
    end_date   TEXT COLLATE "C" NOT NULL,
    control    INTEGER NOT NULL,
    role       TEXT NOT NULL,
    file       TEXT NOT NULL,
    line       INTEGER NOT NULL,
    PRIMARY KEY (version_id, seq)
);

CREATE TABLE IF NOT EXISTS ownership_problems (
    version_id BIGINT NOT NULL REFERENCES ownership_versions (id),
    file       TEXT NOT NULL,
    location   TEXT NOT NULL,
    field      TEXT NOT NULL,
    value      TEXT NOT NULL,
    message    TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS ownership_problems_version ON ownership_problems (version_id);

CREATE OR REPLACE FUNCTION sanctio_ownership_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'ownership versions are immutable (% on %)', TG_OP, TG_TABLE_NAME;
END;
$$;
CREATE TRIGGER ownership_versions_immutable BEFORE UPDATE OR DELETE ON ownership_versions
    FOR EACH ROW EXECUTE FUNCTION sanctio_ownership_immutable();
CREATE TRIGGER ownership_holdings_immutable BEFORE UPDATE OR DELETE ON ownership_holdings
    FOR EACH ROW EXECUTE FUNCTION sanctio_ownership_immutable();
CREATE TRIGGER ownership_versions_untruncatable BEFORE TRUNCATE ON ownership_versions
    FOR EACH STATEMENT EXECUTE FUNCTION sanctio_ownership_immutable();
CREATE TRIGGER ownership_holdings_untruncatable BEFORE TRUNCATE ON ownership_holdings
    FOR EACH STATEMENT EXECUTE FUNCTION sanctio_ownership_immutable();
