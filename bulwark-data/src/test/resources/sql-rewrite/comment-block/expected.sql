SELECT * FROM (SELECT * FROM (SELECT `id`, `name`, `price` FROM `main`.`products` WHERE (TRUE) LIMIT -1 OFFSET 0) AS products) AS bulwark_result LIMIT 101
