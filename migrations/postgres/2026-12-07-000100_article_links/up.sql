-- A link the team already has opens its article instead of being fetched again.
CREATE INDEX articles_team_url ON articles(team_id, url);
