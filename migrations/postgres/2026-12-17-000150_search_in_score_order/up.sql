-- Scores are kept to thousandths on both backends (`domain::Score`; SQLite's full-text row ids
-- carry them, see the SQLite migration of the same name). PostgreSQL's search is unchanged.
UPDATE claims SET score = round(greatest(0.0, least(1.0, score))::numeric, 3)::float8
 WHERE score <> round(greatest(0.0, least(1.0, score))::numeric, 3)::float8;
