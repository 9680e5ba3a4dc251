import { agencyAdminInputSchema, serviceInputSchema, slugSchema, staffUserInputSchema } from './admin.js';

const REGION = '11111111-1111-4111-8111-111111111111';
const AREA = '22222222-2222-4222-8222-222222222222';
const staff = (over: Record<string, unknown>) => ({ displayName: 'Clara', email: 'clara@kreis.example', ...over });

/** Inputs of the administration and whether they are accepted (the rules written out as a table). */
const CASES: [what: string, schema: { safeParse(v: unknown): { success: boolean } }, input: unknown, ok: boolean][] = [
  ['case manager with a region', staffUserInputSchema, staff({ role: 'case-manager', regionId: REGION }), true],
  ['case manager without a region', staffUserInputSchema, staff({ role: 'case-manager' }), false],
  ['coordinator with an area', staffUserInputSchema, staff({ role: 'coordinator', coordinationAreaId: AREA }), true],
  ['coordinator without an area', staffUserInputSchema, staff({ role: 'coordinator', regionId: REGION }), false],
  ['tenant administrator', staffUserInputSchema, staff({ role: 'tenant-admin' }), true],
  ['tenant administrator in a region', staffUserInputSchema, staff({ role: 'tenant-admin', regionId: REGION }), false],
  ['unknown role', staffUserInputSchema, staff({ role: 'root' }), false],
  ['e-mail that is none', staffUserInputSchema, staff({ role: 'tenant-admin', email: 'clara' }), false],
  [
    'webhook agency with URL',
    agencyAdminInputSchema,
    { name: 'JC', kind: 'jobcenter', webhookUrl: 'https://jc.example/kim' },
    true,
  ],
  ['webhook agency without URL', agencyAdminInputSchema, { name: 'JC', kind: 'jobcenter' }, false],
  ['file agency without URL', agencyAdminInputSchema, { name: 'JC', kind: 'jobcenter', channel: 'file' }, true],
  [
    'agency phone with letters',
    agencyAdminInputSchema,
    { name: 'JC', kind: 'jobcenter', channel: 'file', contactPhone: 'call us' },
    false,
  ],
  [
    'agency name of 201 characters',
    agencyAdminInputSchema,
    { name: 'x'.repeat(201), kind: 'jobcenter', channel: 'file' },
    false,
  ],
  ['service', serviceInputSchema, { agencyId: REGION, code: 'JC-1', name: 'Beratung', lifeDomain: 'work' }, true],
  [
    'service code with a space',
    serviceInputSchema,
    { agencyId: REGION, code: 'JC 1', name: 'B', lifeDomain: 'work' },
    false,
  ],
  [
    'service answering in 0 days',
    serviceInputSchema,
    { agencyId: REGION, code: 'JC', name: 'B', lifeDomain: 'work', responseDays: 0 },
    false,
  ],
  ['slug', slugSchema, 'kreis-borken', true],
  ['slug with capitals', slugSchema, 'Kreis-Borken', false],
  ['slug ending in a hyphen', slugSchema, 'kreis-', false],
];

describe('administration inputs', () => {
  it.each(CASES)('%s', (_, schema, input, ok) => {
    expect(schema.safeParse(input).success).toBe(ok);
  });
});
