-- E-mail goes through the one job queue: each message still to send gets its job.
INSERT INTO jobs (team_id, kind, subject_id, created_at, next_attempt_at)
    SELECT team_id, 'mail.send', id, created_at, next_attempt_at FROM outbox
    WHERE sent_at IS NULL AND gave_up_at IS NULL;
