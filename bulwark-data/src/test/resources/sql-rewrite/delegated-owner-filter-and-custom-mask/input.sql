SELECT name, notes, ssn FROM customers
