SELECT * FROM customers NATURAL JOIN orders
