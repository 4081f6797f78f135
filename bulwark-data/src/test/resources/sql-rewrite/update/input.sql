UPDATE customers SET region = 'EU'
