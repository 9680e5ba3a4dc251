-- holder
SELECT person_id AS "personId" FROM person_identifiers
 WHERE tenant_id = $1 AND kind = $2 AND issuer = $3 AND value = $4;

-- insert
INSERT INTO person_identifiers (tenant_id, person_id, kind, issuer, value) VALUES ($1, $2, $3, $4, $5)
ON CONFLICT (tenant_id, kind, issuer, value) DO NOTHING RETURNING person_id AS "personId";

