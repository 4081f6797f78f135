WITH orders AS (SELECT 1 AS id) SELECT * FROM orders o WHERE o.id IN (WITH orders AS (SELECT id FROM products) SELECT id FROM orders)
