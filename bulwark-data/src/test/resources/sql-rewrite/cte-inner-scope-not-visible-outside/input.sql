SELECT * FROM (WITH orders AS (SELECT 1 AS id) SELECT * FROM orders) x, orders
