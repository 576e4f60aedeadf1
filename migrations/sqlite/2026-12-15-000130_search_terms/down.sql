DROP TABLE claims_fts_terms;
CREATE VIRTUAL TABLE claims_fts_words USING fts5vocab('claims_fts', 'row');
