-- list
SELECT id, slug, name, created_at AS "createdAt" FROM tenants ORDER BY slug;

