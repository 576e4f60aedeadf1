DROP INDEX articles_team_url;
