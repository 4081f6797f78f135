SELECT * FROM (SELECT * FROM (SELECT `id`, `name`, `email`, `region`, `ssn`, `owner_id`, `notes` FROM `main`.`customers` WHERE (TRUE) LIMIT -1 OFFSET 0) AS customers) AS bulwark_result LIMIT 101
