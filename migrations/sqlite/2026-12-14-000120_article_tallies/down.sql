DROP INDEX article_tallies_spread;
DROP INDEX article_tallies_busiest;
DROP TRIGGER article_tallies_update;
DROP TRIGGER article_tallies_insert;
DROP INDEX article_day_tallies_article;
DROP TABLE article_tallies;
