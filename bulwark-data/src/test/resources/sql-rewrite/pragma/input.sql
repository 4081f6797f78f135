PRAGMA query_only = OFF
