SELECT * FROM products /* hidden */
