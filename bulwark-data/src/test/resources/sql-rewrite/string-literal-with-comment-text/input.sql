SELECT 'it''s -- not a comment /* nor this */' AS s FROM products
