SELECT $$x$$ FROM products
