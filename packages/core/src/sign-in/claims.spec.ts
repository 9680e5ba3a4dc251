import { provisioningFromClaims, type ClaimMapping } from './claims.js';

const RHEINE = { id: '11111111-1111-4111-8111-111111111111', name: 'Rheine' };
const KREIS = { id: '22222222-2222-4222-8222-222222222222', name: 'Kreis Steinfurt' };
const areas = { regions: [RHEINE], coordinationAreas: [KREIS] };
const mapping: ClaimMapping = {
  name: 'name',
  email: 'email',
  role: 'kim_role',
  region: 'kim_region',
  coordinationArea: 'kim_area',
};
const person = { name: 'Clara Case', email: 'Clara@Kreis.example' };

/**
 * Who may be provisioned from which claims, written from issue 18 ("role/area from claims only if
 * configured; otherwise refused"; administrators never from claims) and the staff rules (a case
 * manager has a regional area, a coordinator a coordination area). [what, claims, mapping, expected]
 */
const CASES: [
  string,
  Record<string, unknown>,
  ClaimMapping,
  { role: string; regionId: string | null; coordinationAreaId: string | null } | RegExp,
][] = [
  [
    'case manager in a region named by name',
    { ...person, kim_role: 'case-manager', kim_region: 'Rheine' },
    mapping,
    { role: 'case-manager', regionId: RHEINE.id, coordinationAreaId: null },
  ],
  [
    'case manager in a region named by id',
    { ...person, kim_role: 'case-manager', kim_region: RHEINE.id },
    mapping,
    { role: 'case-manager', regionId: RHEINE.id, coordinationAreaId: null },
  ],
  [
    'coordinator of an area',
    { ...person, kim_role: ['other', 'coordinator'], kim_area: 'Kreis Steinfurt' },
    mapping,
    { role: 'coordinator', regionId: null, coordinationAreaId: KREIS.id },
  ],
  [
    'provider group mapped to a role',
    { ...person, groups: ['kim-cm'], kim_region: 'Rheine' },
    { ...mapping, role: 'groups', roles: { 'kim-cm': 'case-manager' } },
    { role: 'case-manager', regionId: RHEINE.id, coordinationAreaId: null },
  ],
  [
    'no role claim configured',
    { ...person, kim_role: 'case-manager', kim_region: 'Rheine' },
    { ...mapping, role: undefined },
    /no role claim is configured/,
  ],
  ['role claim absent', { ...person, kim_region: 'Rheine' }, mapping, /names no role/],
  ['administrator from a claim', { ...person, kim_role: 'tenant-admin' }, mapping, /names no role/],
  ['operator from a claim', { ...person, kim_role: 'operator' }, mapping, /names no role/],
  [
    'unmapped group when a map is set',
    { ...person, groups: 'case-manager', kim_region: 'Rheine' },
    { ...mapping, role: 'groups', roles: { 'kim-cm': 'case-manager' } },
    /names no role/,
  ],
  ['case manager without a region', { ...person, kim_role: 'case-manager' }, mapping, /regional area/],
  [
    'case manager in a region of another tenant',
    { ...person, kim_role: 'case-manager', kim_region: 'Borken' },
    mapping,
    /regional area/,
  ],
  [
    'region claim not configured',
    { ...person, kim_role: 'case-manager', kim_region: 'Rheine' },
    { ...mapping, region: undefined },
    /regional area/,
  ],
  [
    'coordinator without an area',
    { ...person, kim_role: 'coordinator', kim_region: 'Rheine' },
    mapping,
    /coordination area/,
  ],
  ['no e-mail', { name: 'X', kim_role: 'case-manager', kim_region: 'Rheine' }, mapping, /no e-mail/],
  [
    'an e-mail that is none',
    { name: 'X', email: 'clara', kim_role: 'case-manager', kim_region: 'Rheine' },
    mapping,
    /no e-mail/,
  ],
  [
    'role through the prototype',
    { ...person, kim_role: 'constructor', kim_region: 'Rheine' },
    mapping,
    /names no role/,
  ],
];

/** What the table expects, in the function's own shape: a staff user, or a refusal whose reason matches. */
const outcome = (expected: (typeof CASES)[number][3]) =>
  expected instanceof RegExp
    ? { ok: false, reason: expect.stringMatching(expected) }
    : { ok: true, staff: { displayName: 'Clara Case', email: 'clara@kreis.example', ...expected } };

describe('provisioning a staff user from the claims of a first sign-in', () => {
  it.each(CASES)('%s', (_what, claims, m, expected) => {
    expect(provisioningFromClaims(claims, m, areas)).toEqual(outcome(expected));
  });
});
