SELECT usename, passwd FROM pg_catalog.pg_shadow
