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

const setAliases = statement<never, [string, string, string]>(
  'person',
  'setAliases',
  `
  UPDATE persons SET aliases = $3 WHERE tenant_id = $1 AND id = $2`,
);

const insert = statement<
  never,
  [
    string,
    string,
    string,
    string,
    string | null,
    string,
    string | null,
    string,
    string,
    string | null,
    string[],
    string | null,
    string,
    string | null,
  ]
>(
  'person',
  'insert',
  `
  INSERT INTO persons (tenant_id, id, given_names, family_name, name_original_script, aliases, birth_date,
                       birth_date_precision, sex, nationality, languages, residence_status, municipality, arrival_date)
  VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)`,
);

const holderOf = statement<{ personId: string }, [string, string, string, string]>(
  'person',
  'holderOf',
  `
  SELECT person_id AS "personId" FROM person_identifiers
   WHERE tenant_id = $1 AND kind = $2 AND issuer = $3 AND value = $4`,
);

// One holder per number: an identifier someone already holds stays theirs.
const insertIdentifier = statement<never, [string, string, string, string, string]>(
  'person',
  'insertIdentifier',
  `
  INSERT INTO person_identifiers (tenant_id, person_id, kind, issuer, value) VALUES ($1, $2, $3, $4, $5)
  ON CONFLICT DO NOTHING`,
);

// Every column a case manager may correct, written as a whole: the row is locked, so the
// columns the change leaves alone are written back unchanged.
const correct = statement<
  never,
  [
    string,
    string,
    string,
    string,
    string | null,
    string | null,
    string,
    string,
    string | null,
    string[],
    string | null,
    string,
    string | null,
  ]
>(
  'person',
  'correct',
  `
  UPDATE persons SET given_names = $3, family_name = $4, name_original_script = $5, birth_date = $6,
                     birth_date_precision = $7, sex = $8, nationality = $9, languages = $10,
                     residence_status = $11, municipality = $12, arrival_date = $13
   WHERE tenant_id = $1 AND id = $2`,
);

/** The columns of a person a case manager may correct (issue 17). */
export type PersonCorrection = Pick<
  PersonRow,
  | 'givenNames'
  | 'familyName'
  | 'nameOriginalScript'
  | 'birthDate'
  | 'birthDatePrecision'
  | 'sex'
  | 'nationality'
  | 'languages'
  | 'residenceStatus'
  | 'municipality'
  | 'arrivalDate'
>;

export type PersonInsert = Omit<PersonRow, 'doNotContact' | 'erasedAt' | 'createdAt' | 'mergedIntoId'>;

/** Persons and their identifiers. */
export const personRepository = {
  byIds: (db: Db, tenantId: string, ids: readonly string[]) => rows(db, byIds, [tenantId, [...ids]]),
  identifiersByPersons: (db: Db, tenantId: string, personIds: readonly string[]) =>
    rows(db, identifiersByPersons, [tenantId, [...personIds]]),
  /** A person, locked for a change (inside a transaction). */
  lock: (db: Db, tenantId: string, id: string) => maybeOne(db, lock, [tenantId, id]),
  setDoNotContact: (db: Db, tenantId: string, id: string, doNotContact: boolean) =>
    execute(db, setDoNotContact, [tenantId, id, doNotContact]),
  // jsonb goes as text: node-postgres would send a JavaScript array as a PostgreSQL array.
  setAliases: (db: Db, tenantId: string, id: string, aliases: NameVariant[]) =>
    execute(db, setAliases, [tenantId, id, JSON.stringify(aliases)]),
  /** Write a person's correctable columns (the row locked first: `lock`). */
  correct: (db: Db, tenantId: string, id: string, c: PersonCorrection) =>
    execute(db, correct, [
      tenantId,
      id,
      c.givenNames,
      c.familyName,
      c.nameOriginalScript,
      c.birthDate,
      c.birthDatePrecision,
      c.sex,
      c.nationality,
      c.languages,
      c.residenceStatus,
      c.municipality,
      c.arrivalDate,
    ]),
  insert: (db: Db, p: PersonInsert) =>
    execute(db, insert, [
      p.tenantId,
      p.id,
      p.givenNames,
      p.familyName,
      p.nameOriginalScript,
      JSON.stringify(p.aliases),
      p.birthDate,
      p.birthDatePrecision,
      p.sex,
      p.nationality,
      p.languages,
      p.residenceStatus,
      p.municipality,
      p.arrivalDate,
    ]),
  /** Who holds an identifier, if anyone. */
  holderOf: async (db: Db, tenantId: string, idf: { kind: string; issuer: string; value: string }) =>
    (await rows(db, holderOf, [tenantId, idf.kind, idf.issuer, idf.value]))[0]?.personId ?? null,
  insertIdentifier: (
    db: Db,
    tenantId: string,
    personId: string,
    idf: { kind: string; issuer: string; value: string },
  ) => execute(db, insertIdentifier, [tenantId, personId, idf.kind, idf.issuer, idf.value]),
};
