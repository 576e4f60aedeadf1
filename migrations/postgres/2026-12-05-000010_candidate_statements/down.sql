ALTER TABLE candidates DROP COLUMN statement;
