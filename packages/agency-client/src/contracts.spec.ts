import { z } from 'zod';
import { EventType as HubEventType, messageJsonSchemas } from '@kim/contracts';
import {
  EventType,
  cloudEventSchema,
  consentRevokedDataSchema,
  consentRevokedEventSchema,
  dossierSubmittedDataSchema,
  dossierSubmittedEventSchema,
  referralCancelledDataSchema,
  referralCancelledEventSchema,
  referralRequestedDataSchema,
  referralRequestedEventSchema,
  statusChangedEventSchema,
  statusMessageDataSchema,
} from './contracts.js';

/**
 * The package carries its own copy of the wire contract (it must not depend on the hub's code
 * at runtime). This proves the copy describes exactly what the hub publishes: as JSON Schema,
 * in the direction each message travels (what the hub emits, what the hub accepts).
 */
const COPY: Record<string, { schema: z.ZodType; io: 'input' | 'output' }> = {
  cloudevent: { schema: cloudEventSchema, io: 'input' },
  'referral-requested.data': { schema: referralRequestedDataSchema, io: 'output' },
  'referral-requested.event': { schema: referralRequestedEventSchema, io: 'output' },
  'referral-cancelled.data': { schema: referralCancelledDataSchema, io: 'output' },
  'referral-cancelled.event': { schema: referralCancelledEventSchema, io: 'output' },
  'referral-status-changed.data': { schema: statusMessageDataSchema, io: 'input' },
  'referral-status-changed.event': { schema: statusChangedEventSchema, io: 'input' },
  'consent-revoked.data': { schema: consentRevokedDataSchema, io: 'output' },
  'consent-revoked.event': { schema: consentRevokedEventSchema, io: 'output' },
  'achievement-dossier-submitted.data': { schema: dossierSubmittedDataSchema, io: 'output' },
  'achievement-dossier-submitted.event': { schema: dossierSubmittedEventSchema, io: 'output' },
};

describe("the agency client's copy of the message contracts", () => {
  const hub = messageJsonSchemas();

  // The overnight file formats (docs/handoffs.md) are for agencies without an API; this client
  // speaks webhooks and GraphQL, so it carries the message contracts only.
  const FILE_FORMATS = /^handoff-/;

  it('covers every message contract the hub publishes', () => {
    expect(Object.keys(COPY).sort()).toEqual(
      Object.keys(hub)
        .filter((n) => !FILE_FORMATS.test(n))
        .sort(),
    );
  });

  it.each(Object.keys(COPY))('%s is the JSON Schema the hub publishes', (name) => {
    const { schema, io } = COPY[name]!;
    const { $schema: _s, ...copy } = z.toJSONSchema(schema, { target: 'draft-2020-12', io }) as Record<string, unknown>;
    const { $schema: _h, $id: _i, title: _t, description: _d, ...published } = hub[name]!;
    expect(copy).toEqual(published);
  });

  it('names the same event types', () => {
    expect(EventType).toEqual(HubEventType);
  });
});
