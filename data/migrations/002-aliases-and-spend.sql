-- Version 1 to 2: unit aliases, and an optional spend amount per response
-- with its sums in the rollup.
ALTER TABLE responses ADD COLUMN spend REAL;
ALTER TABLE rollup_daily ADD COLUMN spend_n INTEGER NOT NULL DEFAULT 0;
ALTER TABLE rollup_daily ADD COLUMN spend_sum REAL NOT NULL DEFAULT 0;

CREATE TABLE unit_aliases (
  alias   TEXT PRIMARY KEY COLLATE NOCASE,
  unit_id INTEGER NOT NULL REFERENCES units (id) ON DELETE CASCADE
);
