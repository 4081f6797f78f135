SELECT * FROM products # hidden
