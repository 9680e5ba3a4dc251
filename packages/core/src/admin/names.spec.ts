import { DomainError } from '../common/errors.js';
import { pickByName } from './names.js';

const A = { id: '11111111-1111-4111-8111-111111111111', name: 'Jobcenter Borken', code: 'JC' };
const B = { id: '22222222-2222-4222-8222-222222222222', name: 'Caritas', code: 'MBE' };
const C = { id: '33333333-3333-4333-8333-333333333333', name: 'Caritas', code: 'JMD' };
const items = [A, B, C];
const names = (i: typeof A) => [i.name, i.code];

/** What a person types, and what they get (table written from the CLI's promise, not the code). */
const CASES: [ref: string, expected: string][] = [
  ['Jobcenter Borken', A.id],
  ['jobcenter borken', A.id],
  ['  JC ', A.id],
  ['MBE', B.id],
  [C.id, C.id],
  [C.id.toUpperCase(), C.id],
  ['Caritas', 'CONFLICT'],
  ['Diakonie', 'NOT_FOUND'],
  ['44444444-4444-4444-8444-444444444444', 'NOT_FOUND'],
];

describe('a thing named on the command line', () => {
  it.each(CASES)('%s → %s', (ref, expected) => {
    let got: string;
    try {
      got = pickByName(items, ref, 'agency', names).id;
    } catch (e) {
      got = (e as DomainError).code;
    }
    expect(got).toBe(expected);
  });

  it('lists the ids of all that share an ambiguous name', () => {
    expect(() => pickByName(items, 'Caritas', 'agency', names)).toThrow(`${B.id}, ${C.id}`);
  });
});
