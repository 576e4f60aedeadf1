DROP TABLE password_resets;
DROP TABLE mail_optouts;
DROP TABLE outbox;
DROP TABLE notifications;
