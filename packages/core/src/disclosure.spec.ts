import { DataCategory } from '@kim/contracts';
import type { PersonEntity, PersonIdentifierEntity } from '@kim/persistence';
import { disclosePerson } from './disclosure.js';
import { addWorkingDays } from './working-days.js';

const person = {
  givenNames: 'Olena',
  familyName: 'Kovalenko',
  birthDate: '1988-04-12',
  birthDatePrecision: 'exact',
  nationality: 'UKR',
  municipality: 'Ibbenbüren',
  languages: ['uk'],
  residenceStatus: 'Aufenthaltserlaubnis § 24 AufenthG',
  arrivalDate: '2022-03-20',
} as PersonEntity;
const ids = [
  { issuer: 'jc-agency', value: 'JC-4711' },
  { issuer: 'AZR', value: 'AZR-1' },
] as PersonIdentifierEntity[];

describe('disclosePerson', () => {
  it('discloses nothing without an allowed category', () => {
    expect(disclosePerson(person, ids, 'jc-agency', [])).toEqual({});
  });

  it('gives each allowed category its block and nothing else', () => {
    const out = disclosePerson(person, ids, 'jc-agency', [DataCategory.IDENTITY]);
    expect(out).toEqual({
      identity: {
        givenNames: 'Olena',
        familyName: 'Kovalenko',
        birthDate: '1988-04-12',
        birthDatePrecision: 'exact',
        nationality: 'UKR',
        agencyIdentifier: 'JC-4711',
      },
    });
    expect(JSON.stringify(out)).not.toContain('AZR-1');
    expect(
      Object.keys(disclosePerson(person, ids, 'other', [DataCategory.CONTACT, DataCategory.RESIDENCE_STATUS])).sort(),
    ).toEqual(['contact', 'residenceStatus']);
  });

  it("never sends another agency's identifier", () => {
    expect(disclosePerson(person, ids, 'aa-agency', [DataCategory.IDENTITY]).identity?.agencyIdentifier).toBeNull();
  });
});

describe('addWorkingDays', () => {
  it('skips weekends', () => {
    // Friday 2026-11-27 + 1 working day = Monday 2026-11-30
    expect(addWorkingDays(new Date('2026-11-27T10:00:00Z'), 1)).toBe('2026-11-30');
    expect(addWorkingDays(new Date('2026-11-25T10:00:00Z'), 10)).toBe('2026-12-09');
  });
});
