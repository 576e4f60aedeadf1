DROP TABLE claims_fts_words;
