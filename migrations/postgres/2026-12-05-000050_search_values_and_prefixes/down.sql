ALTER TABLE claims DROP COLUMN search;
ALTER TABLE claims ADD COLUMN search tsvector GENERATED ALWAYS AS (
    to_tsvector('simple', statement || ' ' || coalesce(subject, '') || ' ' || coalesce(speaker, ''))
) STORED;
CREATE INDEX claims_search ON claims USING GIN (search);
