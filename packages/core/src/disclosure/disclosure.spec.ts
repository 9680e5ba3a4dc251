import { DataCategory } from '@kim/contracts';
import type { PersonIdentifierRow, PersonRow } from '@kim/persistence';
import { disclosePerson } from './disclosure.js';
import { isHoliday } from 'feiertagejs';
import { addWorkingDays, isWorkingDayNW } from '../common/calendar.js';

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
} as PersonRow;
const ids = [
  { issuer: 'jc-agency', value: 'JC-4711' },
  { issuer: 'AZR', value: 'AZR-1' },
] as PersonIdentifierRow[];

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

describe('addWorkingDays (NRW)', () => {
  it('skips weekends', () => {
    // Friday 2026-11-27 + 1 working day = Monday 2026-11-30
    expect(addWorkingDays(new Date('2026-11-27T10:00:00Z'), 1)).toBe('2026-11-30');
    expect(addWorkingDays(new Date('2026-11-25T10:00:00Z'), 10)).toBe('2026-12-09');
  });

  it('skips NW public holidays: Christmas, Easter Monday, Fronleichnam, Allerheiligen', () => {
    // Wed 23.12.2026 + 2: 24th (Thu) counts, 25th and 26th are holidays, 27th Sunday → Mon 28th
    expect(addWorkingDays(new Date('2026-12-23T10:00:00Z'), 2)).toBe('2026-12-28');
    // Thu 25.3.2027 + 2: Good Friday 26th, weekend, Easter Monday 29th → Tue 30th, Wed 31st
    expect(addWorkingDays(new Date('2027-03-25T10:00:00Z'), 2)).toBe('2027-03-31');
    // Fronleichnam 27.5.2027 is a holiday in NW
    expect(isWorkingDayNW('2027-05-27')).toBe(false);
    expect(isWorkingDayNW('2026-11-02')).toBe(true);
    expect(isWorkingDayNW('2027-11-01')).toBe(false);
  });

  it('agrees with feiertagejs on every day of 2025-2030 (holidays are kept per year)', () => {
    const disagreements: string[] = [];
    for (let d = new Date(2025, 0, 1, 12); d.getFullYear() < 2031; d.setDate(d.getDate() + 1)) {
      const day = `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
      const expected = d.getDay() !== 0 && d.getDay() !== 6 && !isHoliday(d, 'NW');
      if (isWorkingDayNW(day) !== expected) disagreements.push(day);
    }
    expect(disagreements).toEqual([]);
  });

  it('counts from the Berlin day: 23:30 UTC on 30.4. is already 1.5. (a holiday) in Berlin', () => {
    expect(addWorkingDays(new Date('2027-04-30T23:30:00Z'), 1)).toBe('2027-05-03');
  });
});
