-- The words a search prefix begins ("ministr" -> "ministry", "ministries") are read from FTS5's
-- vocabulary by instance, one word at a time (db::claims::search): the 'row' table of 000080
-- counted every claim and place a word appears in before giving its name (25 ms for a word in a
-- third of a million claims, in each statement of each search), the 'instance' table gives a
-- word's first instance and moves on.
DROP TABLE claims_fts_words;
CREATE VIRTUAL TABLE claims_fts_terms USING fts5vocab('claims_fts', 'instance');
