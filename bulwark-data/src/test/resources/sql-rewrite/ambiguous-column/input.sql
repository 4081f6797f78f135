SELECT id FROM customers, orders
