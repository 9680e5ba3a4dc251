-- byId
SELECT id, slug, name, created_at AS "createdAt" FROM tenants WHERE id = $1;

-- bySlugOrId
SELECT id FROM tenants WHERE slug = $1 OR id::text = $1;

-- insert
INSERT INTO tenants (id, slug, name) VALUES (gen_random_uuid(), $1, $2)
RETURNING id, slug, name, created_at AS "createdAt";

-- list
SELECT id, slug, name, created_at AS "createdAt" FROM tenants ORDER BY slug;

