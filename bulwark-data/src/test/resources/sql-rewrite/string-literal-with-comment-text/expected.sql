SELECT * FROM (SELECT 'it''s -- not a comment /* nor this */' AS s FROM (SELECT `id`, `name`, `price` FROM `main`.`products` WHERE (TRUE) LIMIT -1 OFFSET 0) AS products) AS bulwark_result LIMIT 101
