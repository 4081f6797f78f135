WITH customers AS (SELECT * FROM customers WHERE id > 1) SELECT * FROM customers
