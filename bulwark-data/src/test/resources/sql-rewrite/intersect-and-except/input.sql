SELECT region FROM customers INTERSECT SELECT region FROM orders EXCEPT SELECT name FROM products
