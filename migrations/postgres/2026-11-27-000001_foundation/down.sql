DROP TABLE events;
DROP TABLE setup_tokens;
DROP TABLE login_failures;
DROP TABLE invites;
DROP TABLE sessions;
DROP TABLE memberships;
DROP TABLE users;
DROP TABLE teams;
