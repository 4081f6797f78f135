WITH a AS (SELECT * FROM customers), customers AS (SELECT 1 AS id) SELECT * FROM a
