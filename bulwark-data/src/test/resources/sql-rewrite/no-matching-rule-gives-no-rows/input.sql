SELECT * FROM payroll
