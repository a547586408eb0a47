-- The Flywheel database, schema version 4 (PRAGMA user_version).
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

-- The columns chosen for a file, by the header they came with, so that the
-- next file with the same header is read the same way.
CREATE TABLE header_mappings (
  header_key  TEXT PRIMARY KEY, -- SHA-256 of the layout and the column names
  columns     TEXT NOT NULL,    -- "score=3,date=0,...": each role's column, from 0
  kind        TEXT NOT NULL CHECK (kind IN ('customer', 'employee')),
  date_order  TEXT,
  source_name TEXT NOT NULL,    -- the file it was chosen for
  saved_at    TEXT NOT NULL     -- UTC, "YYYY-MM-DDTHH:MM:SSZ"
);

-- Departments, stores, teams, by the names the survey files use.  A unit
-- merged into another (a customer-side "Klantenservice" and an employee-side
-- "Customer Service") counts as that one everywhere: the rollup holds only
-- units that are not merged, while each answer keeps the name it came with,
-- so that a merge can be undone.
CREATE TABLE units (
  id          INTEGER PRIMARY KEY,
  name        TEXT NOT NULL UNIQUE COLLATE NOCASE,
  merged_into INTEGER REFERENCES units (id)
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
-- Customers with repeated bad experiences (fw_insights_at_risk()): only
-- the detractor answers, because an index on every answer's random key
-- costs the import more than all the rest of its writing; with the unit,
-- so that listing them reads this index alone.
CREATE INDEX responses_detractors ON responses (respondent, day, unit_id)
  WHERE kind = 'customer' AND score <= 6 AND respondent IS NOT NULL;

-- Customers' detractor answers that come at most 90 days (FW_AT_RISK_DAYS)
-- after another of theirs, with the day of the one before: repeat
-- detractors are counted from here, for any range, without reading every
-- answer.  Kept in step by the store whenever answers come or go.
CREATE TABLE repeat_detractors (
  respondent TEXT NOT NULL,
  day        TEXT NOT NULL, -- the day of a detractor answer
  prev_day   TEXT NOT NULL, -- the customer's latest detractor answer before or on it
  PRIMARY KEY (respondent, day)
) WITHOUT ROWID;

-- The number of customers with any row in repeat_detractors, kept in step
-- by the triggers below: the board pack of all time reads this one row.
CREATE TABLE repeat_detractor_count (
  id        INTEGER PRIMARY KEY CHECK (id = 1),
  customers INTEGER NOT NULL
);
INSERT INTO repeat_detractor_count (id, customers) VALUES (1, 0);

-- A customer's first row counts them in, their last row's removal out.
CREATE TRIGGER repeat_detractor_count_insert AFTER INSERT ON repeat_detractors
WHEN NOT EXISTS (SELECT 1 FROM repeat_detractors
                  WHERE respondent = new.respondent AND day <> new.day)
BEGIN
  UPDATE repeat_detractor_count SET customers = customers + 1 WHERE id = 1;
END;

CREATE TRIGGER repeat_detractor_count_delete AFTER DELETE ON repeat_detractors
WHEN NOT EXISTS (SELECT 1 FROM repeat_detractors WHERE respondent = old.respondent)
BEGIN
  UPDATE repeat_detractor_count SET customers = customers - 1 WHERE id = 1;
END;

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

-- The same counts per calendar month ("month" is its first day), kept in
-- step with rollup_daily by the triggers below, whatever writes to it.  A
-- query over whole months reads a thirtieth of the rows.
CREATE TABLE rollup_monthly (
  month         TEXT NOT NULL,
  kind          TEXT NOT NULL CHECK (kind IN ('customer', 'employee')),
  unit_id       INTEGER NOT NULL DEFAULT 0,
  touchpoint_id INTEGER NOT NULL DEFAULT 0,
  n             INTEGER NOT NULL DEFAULT 0,
  promoters     INTEGER NOT NULL DEFAULT 0,
  passives      INTEGER NOT NULL DEFAULT 0,
  detractors    INTEGER NOT NULL DEFAULT 0,
  spend_n       INTEGER NOT NULL DEFAULT 0,
  spend_sum     REAL NOT NULL DEFAULT 0,
  PRIMARY KEY (kind, month, unit_id, touchpoint_id)
) WITHOUT ROWID;

CREATE TRIGGER rollup_monthly_insert AFTER INSERT ON rollup_daily
BEGIN
  INSERT INTO rollup_monthly (month, kind, unit_id, touchpoint_id, n, promoters, passives,
                              detractors, spend_n, spend_sum)
  VALUES (substr (new.day, 1, 8) || '01', new.kind, new.unit_id, new.touchpoint_id, new.n,
          new.promoters, new.passives, new.detractors, new.spend_n, new.spend_sum)
  ON CONFLICT DO UPDATE SET n = n + excluded.n,
    promoters = promoters + excluded.promoters,
    passives = passives + excluded.passives,
    detractors = detractors + excluded.detractors,
    spend_n = spend_n + excluded.spend_n,
    spend_sum = spend_sum + excluded.spend_sum;
END;

CREATE TRIGGER rollup_monthly_delete AFTER DELETE ON rollup_daily
BEGIN
  UPDATE rollup_monthly
     SET n = n - old.n, promoters = promoters - old.promoters,
         passives = passives - old.passives, detractors = detractors - old.detractors,
         spend_n = spend_n - old.spend_n, spend_sum = spend_sum - old.spend_sum
   WHERE kind = old.kind AND month = substr (old.day, 1, 8) || '01'
     AND unit_id = old.unit_id AND touchpoint_id = old.touchpoint_id;
  DELETE FROM rollup_monthly
   WHERE kind = old.kind AND month = substr (old.day, 1, 8) || '01'
     AND unit_id = old.unit_id AND touchpoint_id = old.touchpoint_id AND n <= 0;
END;

-- An update is the old row taken away and the new one added, so that it
-- holds even if a key column changes.
CREATE TRIGGER rollup_monthly_update AFTER UPDATE ON rollup_daily
BEGIN
  UPDATE rollup_monthly
     SET n = n - old.n, promoters = promoters - old.promoters,
         passives = passives - old.passives, detractors = detractors - old.detractors,
         spend_n = spend_n - old.spend_n, spend_sum = spend_sum - old.spend_sum
   WHERE kind = old.kind AND month = substr (old.day, 1, 8) || '01'
     AND unit_id = old.unit_id AND touchpoint_id = old.touchpoint_id;
  INSERT INTO rollup_monthly (month, kind, unit_id, touchpoint_id, n, promoters, passives,
                              detractors, spend_n, spend_sum)
  VALUES (substr (new.day, 1, 8) || '01', new.kind, new.unit_id, new.touchpoint_id, new.n,
          new.promoters, new.passives, new.detractors, new.spend_n, new.spend_sum)
  ON CONFLICT DO UPDATE SET n = n + excluded.n,
    promoters = promoters + excluded.promoters,
    passives = passives + excluded.passives,
    detractors = detractors + excluded.detractors,
    spend_n = spend_n + excluded.spend_n,
    spend_sum = spend_sum + excluded.spend_sum;
  DELETE FROM rollup_monthly
   WHERE kind = old.kind AND month = substr (old.day, 1, 8) || '01'
     AND unit_id = old.unit_id AND touchpoint_id = old.touchpoint_id AND n <= 0;
END;

-- Recent comments, newest first, without reading every answer.
CREATE INDEX responses_comments ON responses (kind, day)
  WHERE comment IS NOT NULL;
