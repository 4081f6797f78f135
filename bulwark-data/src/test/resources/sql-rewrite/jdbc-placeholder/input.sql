SELECT * FROM customers WHERE id = ?
