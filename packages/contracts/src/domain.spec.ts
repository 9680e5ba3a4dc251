import { LONE_SURROGATE_MESSAGE, consentInputSchema, personInputSchema, wellFormedJson } from './domain.js';
import { inboundStatusEventSchema } from './messages.js';
import { InputValidationError, parseInput } from './validation.js';

const person = {
  name: { givenNames: 'Yonas', familyName: 'Tesfamariam' },
  birthDate: '1999-01-01',
  birthDatePrecision: 'placeholder',
  municipality: 'Greven',
};

describe('person input', () => {
  it('accepts a 01.01. placeholder birth date and fills defaults', () => {
    const p = personInputSchema.parse(person);
    expect(p).toMatchObject({ sex: 'unknown', languages: [], aliases: [], identifiers: [] });
  });

  it('refuses a placeholder that is not 01.01., a missing date with a precision, and bad codes', () => {
    expect(() => parseInput(personInputSchema, { ...person, birthDate: '1999-05-03' }, 'person')).toThrow(
      /placeholder birth date is 01.01./,
    );
    expect(() =>
      parseInput(personInputSchema, { ...person, birthDate: undefined, birthDatePrecision: 'exact' }, 'person'),
    ).toThrow(/birthDate: required when birthDatePrecision is exact/);
    expect(
      personInputSchema.safeParse({ ...person, birthDatePrecision: 'unknown', birthDate: undefined }).success,
    ).toBe(true);
    expect(() => parseInput(personInputSchema, { ...person, nationality: 'Eritrea' }, 'person')).toThrow(
      /nationality: expected an ISO 3166-1 alpha-3/,
    );
  });

  it('lists every problem with its path', () => {
    const problems = () =>
      parseInput(
        personInputSchema,
        { name: { givenNames: '', familyName: 'x'.repeat(201) }, birthDatePrecision: 'exact' },
        'person',
      );
    expect(problems).toThrow(InputValidationError);
    expect(problems).toThrow(/name\.givenNames: .*name\.familyName: .*municipality: /);
  });
});

describe('consent input', () => {
  const consent = {
    caseId: '2f1c7a1e-4b7e-4c1e-9d2a-1b2c3d4e5f60',
    recipientAgencyId: '3f1c7a1e-4b7e-4c1e-9d2a-1b2c3d4e5f60',
    purposes: ['referral'],
    categories: ['identity'],
    validFrom: '2026-02-01',
    validUntil: '2026-01-01',
    evidence: { formVersion: 'v1', signedOn: '2026-02-01', explainedInLanguage: 'ti' },
  };
  it('refuses a validity that ends before it starts', () => {
    expect(() => parseInput(consentInputSchema, consent, 'consent')).toThrow(
      /validUntil: must not be before validFrom/,
    );
    expect(consentInputSchema.parse({ ...consent, validUntil: '2027-01-31' }).evidence.interpreterUsed).toBe(false);
  });
});

describe('inbound status event', () => {
  const event = {
    specversion: '1.0',
    id: 'evt-1',
    source: 'urn:kim-agency:x',
    type: 'de.kim-hub.referral.status-changed.v1',
    data: {
      referralId: '2f1c7a1e-4b7e-4c1e-9d2a-1b2c3d4e5f60',
      status: 'accepted',
      occurredAt: '2026-11-25T10:00:00+01:00',
    },
  };
  it('accepts a CloudEvent with a valid status message', () => {
    expect(inboundStatusEventSchema.safeParse(event).success).toBe(true);
  });
  it('refuses missing CloudEvents attributes, unknown statuses and unknown fields', () => {
    const { specversion: _s, ...noVersion } = event;
    expect(inboundStatusEventSchema.safeParse(noVersion).success).toBe(false);
    expect(inboundStatusEventSchema.safeParse({ ...event, data: { ...event.data, status: 'done' } }).success).toBe(
      false,
    );
    expect(inboundStatusEventSchema.safeParse({ ...event, data: { ...event.data, ssn: '123' } }).success).toBe(false);
  });
  it('refuses a NUL character in any text, which PostgreSQL could not store', () => {
    const r = inboundStatusEventSchema.safeParse({
      ...event,
      data: { ...event.data, status: 'rejected', reason: 'kein Platz\u0000frei' },
    });
    expect(r.success).toBe(false);
    expect(JSON.stringify(r.error?.issues)).toMatch(/NUL character/);
    expect(personInputSchema.safeParse({ ...person, municipality: 'Gre\u0000ven' }).success).toBe(false);
  });
});

describe('well-formed text', () => {
  // Written by hand from the UTF-16 rules: a high surrogate (D800–DBFF) must be followed by a low
  // one (DC00–DFFF), a low one preceded by a high one.
  const cases: [string, boolean][] = [
    ['Çelik', true],
    ['😀 (\uD83D\uDE00)', true],
    ['\uD800', false],
    ['a\uDC00', false],
    ['\uDE00\uD83D', false],
    ['x\uD83D', false],
  ];
  it.each(cases)('%j is well-formed: %s', (value, ok) => {
    const result = personInputSchema.safeParse({ ...person, municipality: value });
    const problems = result.error?.issues.map((i) => [i.path.join('.'), i.message]) ?? [];
    expect(problems).toEqual(ok ? [] : [['municipality', LONE_SURROGATE_MESSAGE]]);
    expect(wellFormedJson({ [value]: [1, { k: value }] })).toBe(ok);
  });
});
