DROP TABLE team_two_factor;
DROP TABLE two_factor_challenges;
DROP TABLE two_factor_recovery_codes;
DROP TABLE user_two_factor;
