-- byId
SELECT id, slug, name, created_at AS "createdAt" FROM tenants WHERE id = $1;

-- bySlugOrId
SELECT id FROM tenants WHERE slug = $1 OR id::text = $1;

-- insert
INSERT INTO tenants (id, slug, name) VALUES (gen_random_uuid(), $1, $2)
RETURNING id, slug, name, created_at AS "createdAt";

-- list
SELECT id, slug, name, created_at AS "createdAt" FROM tenants ORDER BY slug;

-- privacyContacts
SELECT controller_name AS "controllerName", controller_address AS "controllerAddress",
       dpo_name AS "dpoName", dpo_contact AS "dpoContact"
  FROM tenants WHERE id = $1;

-- setPrivacyContacts
UPDATE tenants SET controller_name = $2, controller_address = $3, dpo_name = $4, dpo_contact = $5
 WHERE id = $1 RETURNING id;

