-- byIds (prepared)
SELECT tenant_id AS "tenantId", id, given_names AS "givenNames", family_name AS "familyName",
       name_original_script AS "nameOriginalScript", aliases, birth_date::text AS "birthDate",
       birth_date_precision AS "birthDatePrecision", sex, nationality, languages,
       residence_status AS "residenceStatus", municipality, arrival_date::text AS "arrivalDate",
       do_not_contact AS "doNotContact", erased_at AS "erasedAt", created_at AS "createdAt",
       merged_into_id AS "mergedIntoId"
  FROM persons WHERE tenant_id = $1 AND id = ANY($2);

-- correct
UPDATE persons SET given_names = $3, family_name = $4, name_original_script = $5, birth_date = $6,
                   birth_date_precision = $7, sex = $8, nationality = $9, languages = $10,
                   residence_status = $11, municipality = $12, arrival_date = $13
 WHERE tenant_id = $1 AND id = $2;

-- holderOf
SELECT person_id AS "personId" FROM person_identifiers
 WHERE tenant_id = $1 AND kind = $2 AND issuer = $3 AND value = $4;

-- identifiersByPersons (prepared)
SELECT tenant_id AS "tenantId", id, person_id AS "personId", kind, issuer, value
  FROM person_identifiers WHERE tenant_id = $1 AND person_id = ANY($2);

-- insert
INSERT INTO persons (tenant_id, id, given_names, family_name, name_original_script, aliases, birth_date,
                     birth_date_precision, sex, nationality, languages, residence_status, municipality, arrival_date)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14);

-- insertIdentifier
INSERT INTO person_identifiers (tenant_id, person_id, kind, issuer, value) VALUES ($1, $2, $3, $4, $5)
ON CONFLICT DO NOTHING;

-- lock
SELECT tenant_id AS "tenantId", id, given_names AS "givenNames", family_name AS "familyName",
       name_original_script AS "nameOriginalScript", aliases, birth_date::text AS "birthDate",
       birth_date_precision AS "birthDatePrecision", sex, nationality, languages,
       residence_status AS "residenceStatus", municipality, arrival_date::text AS "arrivalDate",
       do_not_contact AS "doNotContact", erased_at AS "erasedAt", created_at AS "createdAt",
       merged_into_id AS "mergedIntoId"
  FROM persons WHERE tenant_id = $1 AND id = $2 FOR UPDATE;

-- setAliases
UPDATE persons SET aliases = $3 WHERE tenant_id = $1 AND id = $2;

-- setDoNotContact
UPDATE persons SET do_not_contact = $3 WHERE tenant_id = $1 AND id = $2;

