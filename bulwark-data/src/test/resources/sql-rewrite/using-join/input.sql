SELECT * FROM customers JOIN orders USING (region)
