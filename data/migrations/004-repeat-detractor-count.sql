-- Version 3 to 4: the number of customers with any repeat detractor row,
-- kept in step by triggers, so that the board pack of all time reads one
-- row instead of counting them again; and the unit in the index of
-- detractor answers, so that listing the customers at risk reads the
-- index alone.

DROP INDEX responses_detractors;
CREATE INDEX responses_detractors ON responses (respondent, day, unit_id)
  WHERE kind = 'customer' AND score <= 6 AND respondent IS NOT NULL;

CREATE TABLE repeat_detractor_count (
  id        INTEGER PRIMARY KEY CHECK (id = 1),
  customers INTEGER NOT NULL
);

INSERT INTO repeat_detractor_count (id, customers)
SELECT 1, count(*) FROM (SELECT DISTINCT respondent FROM repeat_detractors);

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
