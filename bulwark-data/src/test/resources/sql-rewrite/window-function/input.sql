SELECT name, row_number() OVER (PARTITION BY region ORDER BY id) AS rn FROM customers
