SELECT region, count(*) FROM customers GROUP BY region HAVING count(*) > 1
