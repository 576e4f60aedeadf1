DROP TABLE feed_items;
DROP TABLE feeds;
DELETE FROM notifications WHERE kind = 'repeated';
