DROP TABLE api_request_counts;
DROP TABLE api_tokens;
