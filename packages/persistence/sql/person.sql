-- byIds (prepared)
SELECT tenant_id AS "tenantId", id, given_names AS "givenNames", family_name AS "familyName",
       name_original_script AS "nameOriginalScript", aliases, birth_date::text AS "birthDate",
       birth_date_precision AS "birthDatePrecision", sex, nationality, languages,
       residence_status AS "residenceStatus", municipality, arrival_date::text AS "arrivalDate",
       do_not_contact AS "doNotContact", erased_at AS "erasedAt", created_at AS "createdAt",
       merged_into_id AS "mergedIntoId"
  FROM persons WHERE tenant_id = $1 AND id = ANY($2);

-- identifiersByPersons (prepared)
SELECT tenant_id AS "tenantId", id, person_id AS "personId", kind, issuer, value
  FROM person_identifiers WHERE tenant_id = $1 AND person_id = ANY($2);

-- lock
SELECT tenant_id AS "tenantId", id, given_names AS "givenNames", family_name AS "familyName",
       name_original_script AS "nameOriginalScript", aliases, birth_date::text AS "birthDate",
       birth_date_precision AS "birthDatePrecision", sex, nationality, languages,
       residence_status AS "residenceStatus", municipality, arrival_date::text AS "arrivalDate",
       do_not_contact AS "doNotContact", erased_at AS "erasedAt", created_at AS "createdAt",
       merged_into_id AS "mergedIntoId"
  FROM persons WHERE tenant_id = $1 AND id = $2 FOR UPDATE;

-- setDoNotContact
UPDATE persons SET do_not_contact = $3 WHERE tenant_id = $1 AND id = $2;

