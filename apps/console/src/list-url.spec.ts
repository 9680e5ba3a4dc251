import { nextSort, orderInput, parseSort } from './list-url';

const FIELDS = ['reference', 'familyName', 'openedAt'] as const;

describe('a list order in the URL', () => {
  it.each([
    ['reference-asc', { field: 'reference', direction: 'asc' }],
    ['familyName-desc', { field: 'familyName', direction: 'desc' }],
    ['openedAt-desc', { field: 'openedAt', direction: 'desc' }],
  ])('reads %s', (value, want) => {
    expect(parseSort(value, FIELDS)).toEqual(want);
  });

  it.each([null, '', 'reference', 'reference-up', 'salary-asc', '-asc', 'reference-asc-x', 'REFERENCE-ASC'])(
    'takes %p as no order (the hub default)',
    (value) => {
      expect(parseSort(value, FIELDS)).toBeNull();
    },
  );
});

describe('the order after a header is chosen', () => {
  const first = (f: string) => (f === 'openedAt' ? 'desc' : 'asc');
  it.each([
    // [current, header chosen, next] written by hand
    [null, 'reference', 'reference-asc'],
    [null, 'openedAt', 'openedAt-desc'],
    ['reference-asc', 'reference', 'reference-desc'],
    ['reference-desc', 'reference', 'reference-asc'],
    ['reference-desc', 'familyName', 'familyName-asc'],
    ['familyName-asc', 'openedAt', 'openedAt-desc'],
    ['openedAt-desc', 'openedAt', 'openedAt-asc'],
  ] as const)('from %p, header %s: %s', (current, field, want) => {
    const next = nextSort(parseSort(current, FIELDS), field, first);
    expect(`${next.field}-${next.direction}`).toBe(want);
  });

  it("names the hub's order input, or none", () => {
    const fields = { reference: 'REFERENCE', familyName: 'FAMILY_NAME', openedAt: 'OPENED_AT' } as const;
    expect(orderInput({ field: 'familyName', direction: 'desc' }, fields)).toEqual({
      field: 'FAMILY_NAME',
      direction: 'DESC',
    });
    expect(orderInput(null, fields)).toBeNull();
  });
});
