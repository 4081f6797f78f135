SELECT name FROM orders
