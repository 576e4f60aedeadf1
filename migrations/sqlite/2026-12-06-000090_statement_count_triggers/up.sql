-- PostgreSQL's counter triggers became statement-level; SQLite has row triggers only, and a row
-- trigger there costs no more in a long transaction: nothing to change.
SELECT 1;
