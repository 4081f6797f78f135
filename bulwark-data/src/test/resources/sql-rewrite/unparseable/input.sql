SELEKT name FROM customers
