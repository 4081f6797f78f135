SELECT count(*) FILTER (WHERE region = 'SECRET') FROM customers
