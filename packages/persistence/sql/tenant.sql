-- bySlugOrId
SELECT id FROM tenants WHERE slug = $1 OR id::text = $1;

-- list
SELECT id, slug, name, created_at AS "createdAt" FROM tenants ORDER BY slug;

