import { goalUpdateSchema, handOverSchema, personUpdateSchema } from './domain.js';

// The rules as issue 17 and docs/privacy.md state them: only the fields given change; a birth
// date never travels without its precision (a placeholder must not turn exact); bounded text.
describe('person update', () => {
  const ok = (v: unknown) => personUpdateSchema.safeParse(v).success;

  it('takes any one field alone', () => {
    expect(ok({ municipality: 'Emsdetten' })).toBe(true);
    expect(ok({ languages: ['ar', 'ku'] })).toBe(true);
    expect(ok({ name: { givenNames: 'Layla', familyName: 'Haddad' } })).toBe(true);
  });

  it('refuses an empty change and unknown fields', () => {
    expect(ok({})).toBe(false);
    expect(ok({ doNotContact: true })).toBe(false);
    expect(ok({ identifiers: [] })).toBe(false);
  });

  it('keeps the birth date and its precision together', () => {
    expect(ok({ birthDate: '1991-05-17' })).toBe(false);
    expect(ok({ birthDatePrecision: 'exact' })).toBe(false);
    expect(ok({ birthDate: '1991-05-17', birthDatePrecision: 'exact' })).toBe(true);
    expect(ok({ birthDate: '1991-05-17', birthDatePrecision: 'placeholder' })).toBe(false);
    expect(ok({ birthDate: '1991-01-01', birthDatePrecision: 'placeholder' })).toBe(true);
    expect(ok({ birthDatePrecision: 'unknown' })).toBe(true);
    expect(ok({ birthDate: '1991-01-01', birthDatePrecision: 'unknown' })).toBe(false);
  });

  it('bounds and checks each value', () => {
    expect(ok({ municipality: 'x'.repeat(101) })).toBe(false);
    expect(ok({ municipality: '   ' })).toBe(false);
    expect(ok({ nationality: 'Syrien' })).toBe(false);
    expect(ok({ languages: Array(11).fill('ar') })).toBe(false);
    expect(ok({ sex: 'other' })).toBe(false);
  });
});

describe('goal update and hand-over', () => {
  it('takes the four goal statuses and nothing else', () => {
    for (const status of ['open', 'in-progress', 'achieved', 'dropped'])
      expect(goalUpdateSchema.safeParse({ status }).success).toBe(true);
    expect(goalUpdateSchema.safeParse({ status: 'done' }).success).toBe(false);
    expect(goalUpdateSchema.safeParse({}).success).toBe(false);
  });

  it('formats the ids and bounds the note of a hand-over', () => {
    const id = '6f1c2d8e-6b7a-4f5e-9d3c-2b1a0f9e8d7c';
    expect(handOverSchema.safeParse({ caseId: id, toCaseManagerId: id }).success).toBe(true);
    expect(handOverSchema.safeParse({ caseId: 'KIM-2026-00001', toCaseManagerId: id }).success).toBe(false);
    expect(handOverSchema.safeParse({ caseId: id, toCaseManagerId: id, note: 'x'.repeat(501) }).success).toBe(false);
  });
});
