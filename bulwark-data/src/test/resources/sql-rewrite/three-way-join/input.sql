SELECT c.name, o.amount, p.name AS product FROM customers c JOIN orders o ON o.customer_id = c.id JOIN products p ON p.id = o.id WHERE o.status = 'open' ORDER BY o.amount DESC
