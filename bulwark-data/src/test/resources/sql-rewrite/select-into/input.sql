SELECT * INTO stolen FROM customers
