SELECT 'a\' FROM products
