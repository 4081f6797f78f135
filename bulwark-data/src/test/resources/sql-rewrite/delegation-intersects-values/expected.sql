SELECT * FROM (SELECT name FROM (SELECT `id`, `customer_id`, `amount`, `region`, `status` FROM `main`.`orders` WHERE (region IN (?)) LIMIT -1 OFFSET 0) AS orders) AS bulwark_result LIMIT 101
