-- Search finds a number however it is written: the claim's exact value ("4000" for "4,000",
-- "50000000" for "$50 million") is indexed beside its words.
ALTER TABLE claims DROP COLUMN search;
ALTER TABLE claims ADD COLUMN search tsvector GENERATED ALWAYS AS (
    to_tsvector('simple', statement || ' ' || coalesce(subject, '') || ' ' || coalesce(speaker, '')
        || ' ' || coalesce(value, ''))
) STORED;
CREATE INDEX claims_search ON claims USING GIN (search);
