-- The Flywheel database, schema version 2 (PRAGMA user_version).
--
-- Created in one transaction on a new file.  An older file is brought up to
-- this shape by the steps in migrations/, one version at a time; a change
-- here needs a new migration step and a new FW_STORE_SCHEMA_VERSION.

-- One row per imported file (or generated sample).
CREATE TABLE import_batches (
  id            INTEGER PRIMARY KEY,
  source_name   TEXT NOT NULL,
  sha256        TEXT,
  format        TEXT NOT NULL,
  kind          TEXT NOT NULL CHECK (kind IN ('customer', 'employee', 'mixed')),
  mapping       TEXT,
  row_count     INTEGER NOT NULL DEFAULT 0,
  skipped_count INTEGER NOT NULL DEFAULT 0,
  imported_at   TEXT NOT NULL
);
-- The same file is never imported twice.
CREATE UNIQUE INDEX import_batches_sha256 ON import_batches (sha256)
  WHERE sha256 IS NOT NULL;

-- Departments, stores, teams.
CREATE TABLE units (
  id   INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE COLLATE NOCASE
);

-- Other names for a unit, so that a customer-side "Klantenservice" and an
-- employee-side "Customer Service" are one unit.
CREATE TABLE unit_aliases (
  alias   TEXT PRIMARY KEY COLLATE NOCASE,
  unit_id INTEGER NOT NULL REFERENCES units (id) ON DELETE CASCADE
);

-- Phone, e-mail, chat, store, web, ...
CREATE TABLE touchpoints (
  id   INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE COLLATE NOCASE
);

CREATE TABLE responses (
  id            INTEGER PRIMARY KEY,
  batch_id      INTEGER NOT NULL REFERENCES import_batches (id) ON DELETE CASCADE,
  kind          TEXT NOT NULL CHECK (kind IN ('customer', 'employee')),
  day           TEXT NOT NULL CHECK (day GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
  score         INTEGER NOT NULL CHECK (score BETWEEN 0 AND 10),
  unit_id       INTEGER REFERENCES units (id),
  touchpoint_id INTEGER REFERENCES touchpoints (id),
  respondent    TEXT,
  external_id   TEXT,
  comment       TEXT,
  spend         REAL
);
CREATE INDEX responses_batch ON responses (batch_id);
CREATE INDEX responses_external ON responses (kind, external_id)
  WHERE external_id IS NOT NULL;
CREATE INDEX responses_respondent ON responses (respondent)
  WHERE respondent IS NOT NULL;

-- Counts per day x kind x unit x touchpoint, kept in step with responses
-- inside the transaction that changes them, so that charts never scan raw
-- responses.  0 stands for "no unit" or "no touchpoint".
CREATE TABLE rollup_daily (
  day           TEXT NOT NULL,
  kind          TEXT NOT NULL CHECK (kind IN ('customer', 'employee')),
  unit_id       INTEGER NOT NULL DEFAULT 0,
  touchpoint_id INTEGER NOT NULL DEFAULT 0,
  n             INTEGER NOT NULL DEFAULT 0,
  promoters     INTEGER NOT NULL DEFAULT 0,
  passives      INTEGER NOT NULL DEFAULT 0,
  detractors    INTEGER NOT NULL DEFAULT 0,
  spend_n       INTEGER NOT NULL DEFAULT 0,
  spend_sum     REAL NOT NULL DEFAULT 0,
  PRIMARY KEY (kind, day, unit_id, touchpoint_id)
) WITHOUT ROWID;
