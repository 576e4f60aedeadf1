DROP TABLE corrections;
DROP TABLE publications;
ALTER TABLE claims DROP COLUMN review_sealed;
