SELECT * FROM (VALUES (1, 'a'), (2, 'b')) AS bulwark_result LIMIT 101
