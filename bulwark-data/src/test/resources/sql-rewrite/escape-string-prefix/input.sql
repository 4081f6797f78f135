SELECT E'\x41' FROM products
