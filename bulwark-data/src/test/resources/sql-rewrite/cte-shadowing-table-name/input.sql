WITH customers AS (SELECT id, name FROM orders) SELECT * FROM customers
