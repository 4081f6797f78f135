SELECT * FROM (SELECT o.id FROM (SELECT "id", "customer_id", "amount", "region", "status" FROM "public"."orders" WHERE (region IN (?, ?)) OFFSET 0) o) AS bulwark_result LIMIT 101
