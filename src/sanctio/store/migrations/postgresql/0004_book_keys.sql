-- 0004: a book's saved candidate keys per customer (screening.batch.keys), so that a delta
-- re-screening skips the customers who cannot reach any added or changed entity. A cache:
-- keys hold only for the fields digest and normaliser they were computed from.

CREATE TABLE IF NOT EXISTS book_keys (
    book       TEXT COLLATE "C" NOT NULL,
    id         TEXT COLLATE "C" NOT NULL,
    digest     TEXT NOT NULL,
    normalizer TEXT NOT NULL,
    keys       TEXT NOT NULL,
    PRIMARY KEY (book, id)
);
