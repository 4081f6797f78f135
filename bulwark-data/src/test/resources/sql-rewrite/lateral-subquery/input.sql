SELECT * FROM orders o, LATERAL (SELECT name FROM customers c WHERE c.id = o.customer_id) x
