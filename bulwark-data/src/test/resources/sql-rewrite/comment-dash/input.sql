SELECT * FROM products -- WHERE price > 1
