-- Version 2 to 3: a monthly rollup beside the daily one, kept in step by
-- triggers; an index for the most recent comments; unit aliases become
-- units merged into another, which can be undone; and the mappings chosen
-- for files, remembered by their header; the respondent index keeps only
-- the detractor answers it is read for; and the repeat detractors.

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

INSERT INTO rollup_monthly (month, kind, unit_id, touchpoint_id, n, promoters, passives,
                            detractors, spend_n, spend_sum)
SELECT substr (day, 1, 8) || '01', kind, unit_id, touchpoint_id, sum (n), sum (promoters),
       sum (passives), sum (detractors), sum (spend_n), total (spend_sum)
  FROM rollup_daily
 GROUP BY 1, 2, 3, 4;

ALTER TABLE units ADD COLUMN merged_into INTEGER REFERENCES units (id);
INSERT INTO units (name, merged_into)
SELECT alias, unit_id FROM unit_aliases WHERE alias NOT IN (SELECT name FROM units);
DROP TABLE unit_aliases;

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

DROP INDEX responses_respondent;
CREATE INDEX responses_detractors ON responses (respondent, day)
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

INSERT INTO repeat_detractors (respondent, day, prev_day)
SELECT respondent, day, max (prev)
  FROM (SELECT respondent, day,
               lag (day) OVER (PARTITION BY respondent ORDER BY day) AS prev
          FROM responses
         WHERE kind = 'customer' AND score <= 6 AND respondent IS NOT NULL
           AND respondent <> '')
 WHERE prev IS NOT NULL AND julianday (day) - julianday (prev) <= 90
 GROUP BY respondent, day;
