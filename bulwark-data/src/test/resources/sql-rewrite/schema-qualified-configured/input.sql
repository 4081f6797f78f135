SELECT id FROM main.customers
