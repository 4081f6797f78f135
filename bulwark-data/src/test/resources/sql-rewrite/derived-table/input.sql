SELECT t.region, t.total FROM (SELECT region, sum(amount) AS total FROM orders GROUP BY region) t
