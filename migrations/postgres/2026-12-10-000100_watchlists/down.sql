DROP TABLE feed_items;
DROP TABLE feeds;
DELETE FROM notifications WHERE kind = 'repeated';
ALTER TABLE notifications DROP CONSTRAINT notifications_kind_check;
ALTER TABLE notifications ADD CONSTRAINT notifications_kind_check
    CHECK (kind IN ('assigned', 'sent_back', 'approval_requested', 'mentioned'));
