DROP TABLE evidence;
DROP TABLE snapshots;
DROP TABLE jobs;
