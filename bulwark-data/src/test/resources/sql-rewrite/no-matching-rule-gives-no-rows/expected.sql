SELECT * FROM (SELECT * FROM (SELECT `id`, `employee`, `salary` FROM `main`.`payroll` WHERE 1 = 0 LIMIT -1 OFFSET 0) AS payroll) AS bulwark_result LIMIT 101
