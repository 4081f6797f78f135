SELECT employee, salary FROM payroll
