SELECT a, b FROM products AS p(a, b, c)
