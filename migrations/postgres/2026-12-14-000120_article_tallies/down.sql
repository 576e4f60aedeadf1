DROP INDEX article_tallies_spread;
DROP INDEX article_tallies_busiest;
DROP TRIGGER article_tallies_recount ON article_day_tallies;
DROP FUNCTION article_tallies_recount();
DROP INDEX article_day_tallies_article;
DROP TABLE article_tallies;
