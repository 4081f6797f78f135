SELECT main.customers.ssn FROM customers
