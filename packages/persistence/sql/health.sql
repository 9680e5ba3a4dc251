-- ping
SELECT 1;

