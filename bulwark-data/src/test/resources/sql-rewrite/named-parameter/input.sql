SELECT * FROM customers WHERE id = :id
