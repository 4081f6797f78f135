SELECT 'pg_authid'::regclass
