-- The words of the full-text index, one row each (FTS5's own vocabulary table): a search whose last
-- word is a prefix ("ministr") looks up the few words it begins and asks the index for those,
-- instead of making FTS5 merge every such word's list once per claim it probes.
CREATE VIRTUAL TABLE claims_fts_words USING fts5vocab('claims_fts', 'row');
