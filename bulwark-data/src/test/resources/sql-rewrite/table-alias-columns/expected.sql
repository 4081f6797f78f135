SELECT * FROM (SELECT a, b FROM (SELECT `id`, `name`, `price` FROM `main`.`products` WHERE (TRUE) LIMIT -1 OFFSET 0) AS p(a, b, c)) AS bulwark_result LIMIT 101
