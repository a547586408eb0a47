-- The Flywheel database as version 0.0 of the schema (user_version 1) wrote
-- it: no unit aliases and no spend.  make-v1-db.sh turns this and a few rows
-- into flywheel-v1.db, the checked-in file the migration test upgrades.
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
CREATE UNIQUE INDEX import_batches_sha256 ON import_batches (sha256)
  WHERE sha256 IS NOT NULL;
CREATE TABLE units (
  id   INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE COLLATE NOCASE
);
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
  comment       TEXT
);
CREATE INDEX responses_batch ON responses (batch_id);
CREATE INDEX responses_external ON responses (kind, external_id)
  WHERE external_id IS NOT NULL;
CREATE INDEX responses_respondent ON responses (respondent)
  WHERE respondent IS NOT NULL;
CREATE TABLE rollup_daily (
  day           TEXT NOT NULL,
  kind          TEXT NOT NULL CHECK (kind IN ('customer', 'employee')),
  unit_id       INTEGER NOT NULL DEFAULT 0,
  touchpoint_id INTEGER NOT NULL DEFAULT 0,
  n             INTEGER NOT NULL DEFAULT 0,
  promoters     INTEGER NOT NULL DEFAULT 0,
  passives      INTEGER NOT NULL DEFAULT 0,
  detractors    INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (kind, day, unit_id, touchpoint_id)
) WITHOUT ROWID;

INSERT INTO import_batches (id, source_name, sha256, format, kind, row_count, imported_at)
  VALUES (1, 'pulse-2024-q1.csv', 'aa11', 'csv', 'customer', 4, '2024-04-02T09:00:00Z');
INSERT INTO units (id, name) VALUES (1, 'Customer Service'), (2, 'Billing');
INSERT INTO touchpoints (id, name) VALUES (1, 'Phone');
INSERT INTO responses (batch_id, kind, day, score, unit_id, touchpoint_id, respondent, external_id, comment)
  VALUES (1, 'customer', '2024-03-01', 10, 1, 1, 'C-1', 'R1', 'Quick and friendly'),
         (1, 'customer', '2024-03-01', 9, 1, 1, 'C-2', 'R2', NULL),
         (1, 'customer', '2024-03-02', 7, 2, 1, 'C-3', 'R3', NULL),
         (1, 'customer', '2024-03-02', 3, 2, NULL, 'C-4', 'R4', 'Waited an hour');
INSERT INTO rollup_daily (day, kind, unit_id, touchpoint_id, n, promoters, passives, detractors)
  VALUES ('2024-03-01', 'customer', 1, 1, 2, 2, 0, 0),
         ('2024-03-02', 'customer', 2, 1, 1, 0, 1, 0),
         ('2024-03-02', 'customer', 2, 0, 1, 0, 0, 1);

PRAGMA application_id = 1181514071;
PRAGMA user_version = 1;
