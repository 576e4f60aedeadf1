-- The claim's statement the extractor proposes for each candidate: the short clause around its
-- quantity (candidates saved before this have none; accepting them falls back to the sentence).
ALTER TABLE candidates ADD COLUMN statement TEXT;
