import { IDENTIFIER_LEVEL, IdentifierKind, identifierLinksPersons } from './enums.js';

describe('identifier levels', () => {
  it('gives every identifier kind a level: AZR numbers and customer numbers name one person', () => {
    // Hand-written: an issuer assigns these to one person (issue 16, item 5).
    expect(IDENTIFIER_LEVEL).toEqual({ azr: 'person', 'agency-customer-number': 'person' });
    expect(Object.keys(IDENTIFIER_LEVEL).sort()).toEqual(Object.values(IdentifierKind).sort());
  });

  it('lets only person-level identifiers link persons; household numbers and unknown kinds never do', () => {
    const levels = { azr: 'person', 'household-number': 'household' } as const;
    expect(identifierLinksPersons('azr', levels)).toBe(true);
    expect(identifierLinksPersons('household-number', levels)).toBe(false);
    expect(identifierLinksPersons('something-else', levels)).toBe(false);
    expect(identifierLinksPersons('agency-customer-number')).toBe(true);
  });
});
