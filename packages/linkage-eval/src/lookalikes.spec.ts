/**
 * Labelling of look-alikes inside a household, on hand-made persons: which pairs are siblings,
 * same-year siblings, twins, and parents and children of one name.
 */
import { CULTURES } from './cultures.js';
import { LookalikeSet, labelParentChildNamesakes, labelSiblings } from './lookalikes.js';
import { word } from './names.js';
import type { BirthTruth, Household, Person, Role, Sex } from './population.js';

const ukraine = CULTURES.find((c) => c.id === 'ukraine')!;
const hh = {
  index: 0,
  culture: ukraine,
  type: 'family',
  municipality: 'Rheine',
  members: [],
  sgb2: false,
  docStyles: {},
  docSeed: 1,
} as unknown as Household;

let next = 0;
function person(role: Role, sex: Sex, given: string, birth: Partial<BirthTruth> & { y: number }): Person {
  const i = next++;
  return {
    index: i,
    id: `P${i}`,
    culture: ukraine,
    sex,
    given: [word('uk', given)],
    family: [word('uk', 'Коваленко')],
    father: [],
    grandfather: [],
    birth: { m: 1, d: 1, known: true, estYear: birth.y, placeholder: '0101', ...birth },
    undated: false,
    household: hh,
    role,
    azr: String(i),
    stateless: false,
  };
}

const kindsOf = (set: LookalikeSet) => Object.fromEntries(set.list().map((l) => [`${l.a}-${l.b}`, l.kinds]));

describe('labelling inside a household', () => {
  it('siblings within six years, same-year siblings, twins, and nothing for siblings far apart', () => {
    next = 0;
    const twinBirth: BirthTruth = { y: 2015, m: 4, d: 9, known: true, estYear: 2015, placeholder: '0101' };
    const a = person('child', 'male', 'Андрій', { y: 2010, m: 1, d: 20 });
    const b = person('child', 'female', 'Олена', { y: 2010, m: 11, d: 30 });
    const c = { ...person('child', 'male', 'Іван', twinBirth), birth: twinBirth };
    const d = { ...person('child', 'male', 'Петро', twinBirth), birth: twinBirth };
    const e = person('child', 'female', 'Ірина', { y: 2002, m: 5, d: 5 });
    const set = new LookalikeSet();
    labelSiblings([a, b, c, d, e], set);
    expect(kindsOf(set)).toEqual({
      'P0-P1': ['sibling', 'same-year-sibling'],
      'P0-P2': ['sibling'],
      'P0-P3': ['sibling'],
      'P1-P2': ['sibling'],
      'P1-P3': ['sibling'],
      'P2-P3': ['twin'],
      // Ірина (2002-05) is more than six years older than everyone: no pair.
    });
  });

  it('a father and son or mother and daughter of one name, 15 to 45 years apart', () => {
    next = 0;
    const father = person('head', 'male', 'Олександр', { y: 1960 });
    const mother = person('spouse', 'female', 'Олена', { y: 1965 });
    const son = person('child', 'male', 'Олександр', { y: 1990 });
    const daughter = person('child', 'female', 'Олена', { y: 1995 });
    const other = person('child', 'male', 'Іван', { y: 1992 });
    const tooClose = person('child', 'male', 'Олександр', { y: 1972 });
    const set = new LookalikeSet();
    labelParentChildNamesakes([father, mother, son, daughter, other, tooClose], set);
    expect(kindsOf(set)).toEqual({ 'P0-P2': ['father-son'], 'P1-P3': ['mother-daughter'] });
  });
});
