DELETE FROM customers
