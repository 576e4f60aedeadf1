-- The dashboard's busiest articles without adding up every article of the range. Each article's
-- claims outside the discard pile, in all, with the first and last day they were created on
-- (NULL when it has none), kept from the day tallies (000100) by triggers on them. An article
-- whose first and last days both fall in a range has all its claims there: those are ranked by
-- their total straight from an index; the few whose claims straddle an end of the range (an
-- article worked on over several days) are added up from the day tallies.
CREATE TABLE article_tallies (
    team_id INTEGER NOT NULL REFERENCES teams(id) ON DELETE CASCADE,
    article_id INTEGER NOT NULL,
    n INTEGER NOT NULL,
    first_day DATE,
    last_day DATE,
    PRIMARY KEY (team_id, article_id)
) WITHOUT ROWID;

-- An article's day tallies in day order (the recount below, and the straddlers' sums).
CREATE INDEX article_day_tallies_article ON article_day_tallies(team_id, article_id, day, n);

INSERT INTO article_tallies (team_id, article_id, n, first_day, last_day)
SELECT team_id, article_id, sum(n), min(day), max(day)
FROM article_day_tallies WHERE n <> 0 GROUP BY 1, 2;

-- A day tally changed: its article is counted again from its (few) day tallies. Day tallies are
-- only ever inserted or updated (a team's deletion takes both tables with it).
CREATE TRIGGER article_tallies_insert AFTER INSERT ON article_day_tallies BEGIN
    INSERT INTO article_tallies (team_id, article_id, n, first_day, last_day)
    SELECT NEW.team_id, NEW.article_id, coalesce(sum(n), 0), min(day), max(day)
    FROM article_day_tallies
    WHERE team_id = NEW.team_id AND article_id = NEW.article_id AND n <> 0
    ON CONFLICT DO UPDATE SET n = excluded.n, first_day = excluded.first_day,
        last_day = excluded.last_day;
END;

CREATE TRIGGER article_tallies_update AFTER UPDATE OF n ON article_day_tallies BEGIN
    INSERT INTO article_tallies (team_id, article_id, n, first_day, last_day)
    SELECT NEW.team_id, NEW.article_id, coalesce(sum(n), 0), min(day), max(day)
    FROM article_day_tallies
    WHERE team_id = NEW.team_id AND article_id = NEW.article_id AND n <> 0
    ON CONFLICT DO UPDATE SET n = excluded.n, first_day = excluded.first_day,
        last_day = excluded.last_day;
END;

-- Articles by total, busiest first; and the articles whose claims span more than one day.
CREATE INDEX article_tallies_busiest ON article_tallies(team_id, n DESC, article_id, first_day, last_day);
CREATE INDEX article_tallies_spread ON article_tallies(team_id, last_day, first_day)
    WHERE last_day > first_day;
