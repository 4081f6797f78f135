INSERT INTO customers (id) VALUES (99)
