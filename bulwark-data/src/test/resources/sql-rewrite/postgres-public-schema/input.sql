SELECT o.id FROM public.orders o
