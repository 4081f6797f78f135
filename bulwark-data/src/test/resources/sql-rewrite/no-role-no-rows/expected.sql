SELECT * FROM (SELECT name FROM (SELECT `id`, `name`, `email`, `region`, `ssn`, `owner_id`, `notes` FROM `main`.`customers` WHERE 1 = 0 LIMIT -1 OFFSET 0) AS customers) AS bulwark_result LIMIT 101
