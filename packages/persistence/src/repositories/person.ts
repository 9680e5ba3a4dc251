import type { BirthDatePrecision } from '@kim/contracts';
import type { NameVariant } from '../entities/person.entity.js';
import { execute, maybeOne, rows, statement, type Db } from './statement.js';

/** A person as stored; `date` columns as 'YYYY-MM-DD' text, as TypeORM reads them. */
export interface PersonRow {
  tenantId: string;
  id: string;
  givenNames: string;
  familyName: string;
  nameOriginalScript: string | null;
  aliases: NameVariant[];
  birthDate: string | null;
  birthDatePrecision: BirthDatePrecision;
  sex: string;
  nationality: string | null;
  languages: string[];
  residenceStatus: string | null;
  municipality: string;
  arrivalDate: string | null;
  doNotContact: boolean;
  erasedAt: Date | null;
  createdAt: Date;
  mergedIntoId: string | null;
}

/** An identifier another authority gave the person (AZR number, customer number ...). */
export interface PersonIdentifierRow {
  tenantId: string;
  id: string;
  personId: string;
  kind: string;
  issuer: string;
  value: string;
}

const PERSON_COLUMNS = `tenant_id AS "tenantId", id, given_names AS "givenNames", family_name AS "familyName",
         name_original_script AS "nameOriginalScript", aliases, birth_date::text AS "birthDate",
         birth_date_precision AS "birthDatePrecision", sex, nationality, languages,
         residence_status AS "residenceStatus", municipality, arrival_date::text AS "arrivalDate",
         do_not_contact AS "doNotContact", erased_at AS "erasedAt", created_at AS "createdAt",
         merged_into_id AS "mergedIntoId"`;

const byIds = statement<PersonRow, [string, string[]]>(
  'person',
  'byIds',
  `
  SELECT ${PERSON_COLUMNS}
    FROM persons WHERE tenant_id = $1 AND id = ANY($2)`,
  { prepared: true },
);

const identifiersByPersons = statement<PersonIdentifierRow, [string, string[]]>(
  'person',
  'identifiersByPersons',
  `
  SELECT tenant_id AS "tenantId", id, person_id AS "personId", kind, issuer, value
    FROM person_identifiers WHERE tenant_id = $1 AND person_id = ANY($2)`,
  { prepared: true },
);

const lock = statement<PersonRow, [string, string]>(
  'person',
  'lock',
  `
  SELECT ${PERSON_COLUMNS}
    FROM persons WHERE tenant_id = $1 AND id = $2 FOR UPDATE`,
);

const setDoNotContact = statement<never, [string, string, boolean]>(
  'person',
  'setDoNotContact',
  `
  UPDATE persons SET do_not_contact = $3 WHERE tenant_id = $1 AND id = $2`,
);

/** Persons and their identifiers. */
export const personRepository = {
  byIds: (db: Db, tenantId: string, ids: readonly string[]) => rows(db, byIds, [tenantId, [...ids]]),
  identifiersByPersons: (db: Db, tenantId: string, personIds: readonly string[]) =>
    rows(db, identifiersByPersons, [tenantId, [...personIds]]),
  /** A person, locked for a change (inside a transaction). */
  lock: (db: Db, tenantId: string, id: string) => maybeOne(db, lock, [tenantId, id]),
  setDoNotContact: (db: Db, tenantId: string, id: string, doNotContact: boolean) =>
    execute(db, setDoNotContact, [tenantId, id, doNotContact]),
};
