SELECT set_config('row_security', 'off', false)
