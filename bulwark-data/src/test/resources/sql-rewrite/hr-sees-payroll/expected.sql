SELECT * FROM (SELECT employee, salary FROM (SELECT `id`, `employee`, `salary` FROM `main`.`payroll` WHERE (TRUE) LIMIT -1 OFFSET 0) AS payroll) AS bulwark_result LIMIT 101
