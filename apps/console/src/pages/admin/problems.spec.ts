import i18next from 'i18next';
import {
  agencyAdminInputSchema,
  credentialIssueSchema,
  regionInputSchema,
  serviceInputSchema,
  staffUserInputSchema,
} from '@kim/contracts/admin';
import { ApiError } from '../../api';
import { de } from '../../i18n/de';
import { en } from '../../i18n/en';
import { REFUSALS, check, serverProblems } from './problems';

const i18n = i18next.createInstance();
void i18n.init({
  resources: { de: { translation: de }, en: { translation: en } },
  lng: 'de',
  interpolation: { escapeValue: false },
});
const t = (key: string, opts?: Record<string, unknown>) => i18n.t(key, opts ?? {});

const AREA = '11111111-1111-4111-8111-111111111111';
const region = { name: 'Regionalbereich Neuenkirchen', coordinationAreaId: AREA, fte: 1.5 };
const staff = { displayName: 'Clara Beispiel', email: 'clara@kreis.example', role: 'case-manager', regionId: AREA };
const agency = {
  name: 'Caritas',
  kind: 'migration-counselling',
  channel: 'webhook',
  webhookUrl: 'https://c.example/kim',
};
const service = { agencyId: AREA, code: 'MBE-NK', name: 'Migrationsberatung', lifeDomain: 'residence' };

/**
 * What an administrator reads for a value the hub's rules refuse: written from the bounds in the
 * issue and the contracts (packages/contracts/src/admin.ts), in the console's German, not taken
 * from the mapping under test.
 */
const CASES: [what: string, schema: { safeParse(v: unknown): unknown }, value: unknown, field: string, text: string][] =
  [
    ['posts above 999', regionInputSchema, { ...region, fte: 1000 }, 'fte', 'Höchstens 999.'],
    ['negative posts', regionInputSchema, { ...region, fte: -1 }, 'fte', 'Mindestens 0.'],
    ['posts not a number', regionInputSchema, { ...region, fte: Number('abc') }, 'fte', 'Bitte eine Zahl eingeben.'],
    ['no posts', regionInputSchema, { ...region, fte: undefined }, 'fte', 'Bitte eine Zahl eingeben.'],
    ['caseload key 0', regionInputSchema, { ...region, caseloadKey: 0 }, 'caseloadKey', 'Mindestens 1.'],
    [
      'caseload key 1.5',
      regionInputSchema,
      { ...region, caseloadKey: 1.5 },
      'caseloadKey',
      'Bitte eine ganze Zahl eingeben.',
    ],
    ['empty name', regionInputSchema, { ...region, name: '  ' }, 'name', 'Bitte ausfüllen.'],
    ['name of 201', regionInputSchema, { ...region, name: 'x'.repeat(201) }, 'name', 'Höchstens 200 Zeichen.'],
    [
      'phone of letters',
      regionInputSchema,
      { ...region, contactPhone: 'ruf an' },
      'contactPhone',
      'Bitte eine Telefonnummer aus Ziffern, Leerzeichen und + ( ) / - eingeben.',
    ],
    [
      'mailbox without domain',
      regionInputSchema,
      { ...region, contactEmail: 'kim@' },
      'contactEmail',
      'Bitte eine gültige E-Mail-Adresse eingeben.',
    ],
    [
      'case manager without a region',
      staffUserInputSchema,
      { ...staff, regionId: null },
      'regionId',
      'Case Management braucht einen Regionalbereich.',
    ],
    [
      'coordinator without an area',
      staffUserInputSchema,
      { ...staff, role: 'coordinator', regionId: null },
      'coordinationAreaId',
      'Eine Koordinierende Stelle braucht ihren Bereich.',
    ],
    [
      'operator in a region',
      staffUserInputSchema,
      { ...staff, role: 'operator' },
      'role',
      'Diese Rolle arbeitet in keinem Bereich.',
    ],
    ['post share above 1', staffUserInputSchema, { ...staff, fte: 1.5 }, 'fte', 'Höchstens 1.'],
    [
      'webhook agency without URL',
      agencyAdminInputSchema,
      { ...agency, webhookUrl: null },
      'webhookUrl',
      'Für den Übermittlungsweg Webhook ist eine Webhook-Adresse nötig.',
    ],
    [
      'webhook URL not a URL',
      agencyAdminInputSchema,
      { ...agency, webhookUrl: 'caritas' },
      'webhookUrl',
      'Bitte eine vollständige Adresse eingeben, zum Beispiel https://stelle.example/kim.',
    ],
    [
      'address of 301',
      agencyAdminInputSchema,
      { ...agency, contactAddress: 'a'.repeat(301) },
      'contactAddress',
      'Höchstens 300 Zeichen.',
    ],
    [
      'service code with a space',
      serviceInputSchema,
      { ...service, code: 'MBE NK' },
      'code',
      'Nur Buchstaben, Ziffern, Punkt, Binde- und Unterstrich; am Anfang ein Buchstabe oder eine Ziffer.',
    ],
    ['answer within 366 days', serviceInputSchema, { ...service, responseDays: 366 }, 'responseDays', 'Höchstens 365.'],
    ['valid 0 days', credentialIssueSchema, { validDays: 0 }, 'validDays', 'Mindestens 1.'],
    ['valid 3651 days', credentialIssueSchema, { validDays: 3651 }, 'validDays', 'Höchstens 3650.'],
  ];

describe('the hub’s rules in the administrator’s words', () => {
  it.each(CASES)('%s', (_what, schema, value, field, text) => {
    const r = check(schema as Parameters<typeof check>[0], value, t);
    expect(r.ok ? {} : r.problems).toMatchObject({ [field]: text });
  });

  it('accepts what the hub accepts', () => {
    for (const [schema, value] of [
      [regionInputSchema, region],
      [staffUserInputSchema, staff],
      [agencyAdminInputSchema, agency],
      [serviceInputSchema, service],
    ] as const)
      expect(check(schema as Parameters<typeof check>[0], value, t)).toMatchObject({ ok: true });
  });

  it('words every problem of the table in English too, never as a key or a fallback', () => {
    void i18n.changeLanguage('en');
    try {
      for (const [what, schema, value] of CASES) {
        const r = check(schema as Parameters<typeof check>[0], value, t);
        const texts = r.ok ? [] : Object.values(r.problems);
        expect({ what, texts: texts.filter((x) => /admin\.|\{\{|not valid/.test(x)) }).toEqual({ what, texts: [] });
      }
    } finally {
      void i18n.changeLanguage('de');
    }
  });
});

describe('the hub’s refusals next to their field', () => {
  const refusal = (code: string, message: string, extensions: Record<string, unknown> = {}) =>
    new ApiError(code, message, [{ message, extensions: { code, ...extensions } }]);

  it.each([
    [
      'a taken e-mail, at the e-mail',
      refusal('CONFLICT', 'a staff user with e-mail a@b.example exists already'),
      REFUSALS.staff,
      { email: 'Diese E-Mail-Adresse ist schon vergeben.' },
    ],
    [
      'deactivating oneself, at the form',
      refusal('CONFLICT', 'you cannot deactivate yourself; ask another tenant administrator'),
      REFUSALS.staff,
      { form: 'Sie können sich nicht selbst deaktivieren; bitten Sie eine andere Verwaltung.' },
    ],
    [
      'a service code in use, at the code',
      refusal('CONFLICT', 'a service with code MBE exists already'),
      REFUSALS.service,
      { code: 'Diese Kennung ist schon vergeben.' },
    ],
    [
      'a webhook agency without URL after a change, at the URL',
      refusal('INVALID_INPUT', 'a webhook agency needs a webhook URL'),
      REFUSALS.agency,
      { webhookUrl: 'Für den Übermittlungsweg Webhook ist eine Webhook-Adresse nötig.' },
    ],
    [
      'the bounds of GraphQL, at the field they name',
      refusal('INVALID_INPUT', 'invalid input', {
        problems: [{ path: 'input.contactHours', message: 'too long: at most 1000 characters, got 1200' }],
      }),
      REFUSALS.agency,
      { contactHours: 'Vom Hub abgelehnt: too long: at most 1000 characters, got 1200' },
    ],
    ['anything else, at the form', refusal('FORBIDDEN', 'no'), REFUSALS.staff, { form: 'fallback FORBIDDEN' }],
  ])('%s', (_what, error, known, expected) => {
    expect(serverProblems(error, t, known, (e) => `fallback ${(e as ApiError).code}`)).toEqual(expected);
  });
});
