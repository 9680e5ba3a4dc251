import { checkHeader, CLIENT_COLUMNS, parseClientRow, recordToRow } from './csv.js';
import { generatePopulation } from './generator.js';

const row = (fields: Partial<Record<(typeof CLIENT_COLUMNS)[number], string>>): string[] =>
  CLIENT_COLUMNS.map(
    (c) =>
      fields[c] ??
      {
        record_id: 'R1',
        source_agency: 'jobcenter',
        given_names: 'Farid',
        family_name: 'Rahimi',
        birth_date: '1995-03-04',
        birth_date_note: 'exact',
        sex: 'M',
        nationality: 'AFG',
      }[c as string] ??
      '',
  );

const errorsOf = (fields: Partial<Record<(typeof CLIENT_COLUMNS)[number], string>>): string[] => {
  const r = parseClientRow(row(fields), 7, 2025);
  return 'errors' in r ? r.errors.map((e) => `${e.line}:${e.field}`) : [];
};

describe('parseClientRow', () => {
  it('accepts a good row and maps the vocabulary', () => {
    const r = parseClientRow(row({ birth_date: '1995', birth_date_note: 'year_only', sex: 'f' }), 2, 2025);
    expect(r).toEqual({
      record: expect.objectContaining({
        recordId: 'R1',
        birthDate: '1995',
        birthDatePrecision: 'year-only',
        sex: 'female',
        nationality: 'AFG',
      }),
    });
  });

  it('reports the line and field of each problem', () => {
    expect(errorsOf({ birth_date: '1995-02-30' })).toEqual(['7:birth_date']);
    expect(errorsOf({ birth_date: '1995' })).toEqual(['7:birth_date_note']); // exact needs a full date
    expect(errorsOf({ birth_date_note: 'approx' })).toEqual(['7:birth_date_note']);
    expect(errorsOf({ birth_date: '1995-03-04', birth_date_note: 'placeholder' })).toEqual(['7:birth_date_note']);
    expect(errorsOf({ nationality: 'Syria' })).toEqual(['7:nationality']);
    expect(errorsOf({ sex: 'q' })).toEqual(['7:sex']);
    expect(errorsOf({ record_id: '' })).toEqual(['7:record_id']);
    expect(errorsOf({ given_names: '', family_name: '' })).toEqual(['7:given_names']);
    expect(errorsOf({ birth_date: '2031-01-01' })).toEqual(['7:birth_date']);
  });

  it('rejects rows with the wrong number of fields and checks the header', () => {
    const r = parseClientRow(['a', 'b'], 3, 2025);
    expect('errors' in r && r.errors[0]).toMatchObject({ line: 3, field: '*' });
    expect(checkHeader([...CLIENT_COLUMNS])).toBeUndefined();
    expect(checkHeader(['id', 'name'])).toMatch(/expected header/);
  });

  it('round-trips generated records', () => {
    for (const rec of generatePopulation({ persons: 200, seed: 5 }).records) {
      const back = parseClientRow(recordToRow(rec), 2, 2025);
      expect(back).toEqual({ record: rec });
    }
  });
});
