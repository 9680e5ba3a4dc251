import { z } from 'zod';
import {
  EventType,
  cloudEventSchema,
  consentRevokedDataSchema,
  dossierSubmittedDataSchema,
  inboundStatusEventSchema,
  referralCancelledDataSchema,
  referralRequestedDataSchema,
  statusMessageDataSchema,
} from './messages.js';
import { handoffExportLineSchema, handoffImportLineSchema, handoffManifestSchema } from './handoff.js';

/**
 * The message contracts as JSON Schema (draft 2020-12), for agencies that validate without
 * zod. Outbound messages (the hub writes them) are described as the hub emits them; inbound
 * ones (agencies write them) as the hub accepts them. Published in docs/schemas/ by
 * `npm run schema:print`; a test keeps the files in step with these zod schemas.
 */
const CONTRACTS: { name: string; title: string; description: string; schema: z.ZodType; io: 'input' | 'output' }[] = [
  {
    name: 'cloudevent',
    title: 'CloudEvents 1.0 envelope',
    description:
      'Structured-mode JSON envelope of every message the hub sends or accepts (required attributes plus the ones the hub uses).',
    schema: cloudEventSchema,
    io: 'input',
  },
  {
    name: 'referral-requested.data',
    title: `${EventType.REFERRAL_REQUESTED} data`,
    description: 'A referral to the agency: only the person data that consent covers at send time (outbound).',
    schema: referralRequestedDataSchema,
    io: 'output',
  },
  {
    name: 'referral-requested.event',
    title: EventType.REFERRAL_REQUESTED,
    description: 'The whole signed webhook body of a referral (outbound).',
    schema: cloudEventSchema.extend({
      type: z.literal(EventType.REFERRAL_REQUESTED),
      data: referralRequestedDataSchema,
    }),
    io: 'output',
  },
  {
    name: 'referral-cancelled.data',
    title: `${EventType.REFERRAL_CANCELLED} data`,
    description: 'A referral the hub cancelled (outbound).',
    schema: referralCancelledDataSchema,
    io: 'output',
  },
  {
    name: 'referral-cancelled.event',
    title: EventType.REFERRAL_CANCELLED,
    description: 'The whole signed webhook body of a cancellation (outbound).',
    schema: cloudEventSchema.extend({
      type: z.literal(EventType.REFERRAL_CANCELLED),
      data: referralCancelledDataSchema,
    }),
    io: 'output',
  },
  {
    name: 'referral-status-changed.data',
    title: `${EventType.REFERRAL_STATUS_CHANGED} data`,
    description: "An agency's status message about one referral (inbound).",
    schema: statusMessageDataSchema,
    io: 'input',
  },
  {
    name: 'referral-status-changed.event',
    title: EventType.REFERRAL_STATUS_CHANGED,
    description: 'The whole signed body an agency POSTs to /webhooks/{tenantId}/agencies/{agencyId}/status (inbound).',
    schema: inboundStatusEventSchema,
    io: 'input',
  },
  {
    name: 'consent-revoked.data',
    title: `${EventType.CONSENT_REVOKED} data`,
    description:
      'The person revoked a consent under which the agency received data: stop processing and erase (outbound, GDPR Art. 19).',
    schema: consentRevokedDataSchema,
    io: 'output',
  },
  {
    name: 'consent-revoked.event',
    title: EventType.CONSENT_REVOKED,
    description: 'The whole signed webhook body of a revocation notice (outbound).',
    schema: cloudEventSchema.extend({ type: z.literal(EventType.CONSENT_REVOKED), data: consentRevokedDataSchema }),
    io: 'output',
  },
  {
    name: 'achievement-dossier-submitted.data',
    title: `${EventType.DOSSIER_SUBMITTED} data`,
    description:
      "A dossier of the person's integration achievements for the foreigners' or naturalisation authority, sent under the person's consent naming it (outbound).",
    schema: dossierSubmittedDataSchema,
    io: 'output',
  },
  {
    name: 'achievement-dossier-submitted.event',
    title: EventType.DOSSIER_SUBMITTED,
    description: 'The whole signed webhook body of a dossier (outbound).',
    schema: cloudEventSchema.extend({ type: z.literal(EventType.DOSSIER_SUBMITTED), data: dossierSubmittedDataSchema }),
    io: 'output',
  },
  {
    name: 'handoff-export.line',
    title: 'File handoff: one line of events.jsonl',
    description:
      "One line of an export in a file-channel agency's outbox folder: the same CloudEvent a webhook agency receives (outbound).",
    schema: handoffExportLineSchema,
    io: 'output',
  },
  {
    name: 'handoff-export.manifest',
    title: 'File handoff: manifest.json',
    description:
      'Manifest of one export: files with line counts and SHA-256; manifest.json.sig holds its HMAC-SHA256 signature (outbound).',
    schema: handoffManifestSchema,
    io: 'output',
  },
  {
    name: 'handoff-import.line',
    title: 'File handoff: one line of a status file',
    description:
      "One line of a status file (JSON Lines) in a file-channel agency's inbox folder: the status message a webhook agency would POST (inbound).",
    schema: handoffImportLineSchema,
    io: 'input',
  },
];

/** File name (without .json) → JSON Schema, in a stable order. */
export function messageJsonSchemas(): Record<string, Record<string, unknown>> {
  return Object.fromEntries(
    CONTRACTS.map(({ name, title, description, schema, io }) => {
      const { $schema, ...body } = z.toJSONSchema(schema, { target: 'draft-2020-12', io }) as Record<string, unknown>;
      return [name, { $schema, $id: `urn:kim-hub:schema:${name}`, title, description, ...body }];
    }),
  );
}
