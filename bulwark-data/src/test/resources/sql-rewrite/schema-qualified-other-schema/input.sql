SELECT id FROM temp2.customers
