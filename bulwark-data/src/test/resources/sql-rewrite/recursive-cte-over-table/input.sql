WITH RECURSIVE chain(id) AS (SELECT id FROM customers WHERE id = 1 UNION ALL SELECT c.id FROM customers c JOIN chain ON c.id = chain.id + 1) SELECT * FROM chain
