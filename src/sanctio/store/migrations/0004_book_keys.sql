-- 0004: a book's saved candidate keys per customer (screening.batch.keys), so that a delta
-- re-screening skips the customers who cannot reach any added or changed entity. A cache:
-- keys hold only for the fields digest and normaliser they were computed from. (On SQLite
-- `Book.open` creates the book tables too.)

CREATE TABLE IF NOT EXISTS book_keys (
    book       TEXT NOT NULL,
    id         TEXT NOT NULL,
    digest     TEXT NOT NULL,
    normalizer TEXT NOT NULL,
    keys       TEXT NOT NULL,
    PRIMARY KEY (book, id)
) WITHOUT ROWID;
