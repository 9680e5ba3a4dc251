import { z } from 'zod';
import { uuidSchema } from './domain.js';
import {
  EventType,
  cloudEventSchema,
  consentRevokedDataSchema,
  dossierSubmittedDataSchema,
  inboundStatusEventSchema,
  referralCancelledDataSchema,
  referralRequestedDataSchema,
} from './messages.js';

/**
 * File handoffs with agencies that have no API. The hub writes one export per night into the
 * agency's outbox folder (JSON Lines, CSV, a manifest and its signature) and reads the agency's
 * status files (JSON Lines, one status message per line) from its inbox folder.
 */
export const HANDOFF_FORMAT = 'kim-hub-handoff/1';

/** File names inside one export folder. */
export const HandoffFile = {
  EVENTS_JSONL: 'events.jsonl',
  EVENTS_CSV: 'events.csv',
  MANIFEST: 'manifest.json',
  SIGNATURE: 'manifest.json.sig',
} as const;

/** One line of an export's events.jsonl: exactly the CloudEvent a webhook agency would receive. */
export const handoffExportLineSchema = z.discriminatedUnion('type', [
  cloudEventSchema.extend({ type: z.literal(EventType.REFERRAL_REQUESTED), data: referralRequestedDataSchema }),
  cloudEventSchema.extend({ type: z.literal(EventType.REFERRAL_CANCELLED), data: referralCancelledDataSchema }),
  cloudEventSchema.extend({ type: z.literal(EventType.CONSENT_REVOKED), data: consentRevokedDataSchema }),
  cloudEventSchema.extend({ type: z.literal(EventType.DOSSIER_SUBMITTED), data: dossierSubmittedDataSchema }),
]);
export type HandoffExportLine = z.infer<typeof handoffExportLineSchema>;

/** One line of a status file the agency drops into its inbox: the same event a webhook agency POSTs. */
export const handoffImportLineSchema = inboundStatusEventSchema;
export type HandoffImportLine = z.infer<typeof handoffImportLineSchema>;

const sha256Hex = z.string().regex(/^[0-9a-f]{64}$/, 'SHA-256 as 64 lower-case hex digits');

/** manifest.json of one export; manifest.json.sig signs its exact bytes. */
export const handoffManifestSchema = z.object({
  format: z.literal(HANDOFF_FORMAT),
  exportId: uuidSchema,
  tenantId: uuidSchema,
  agency: z.object({ id: uuidSchema, name: z.string() }),
  createdAt: z.iso.datetime({ offset: true }),
  /** The messages in this export were queued in this period. */
  period: z.object({ from: z.iso.datetime({ offset: true }).nullable(), to: z.iso.datetime({ offset: true }) }),
  files: z.array(
    z.object({
      name: z.string(),
      mediaType: z.string(),
      lines: z.number().int().min(0),
      bytes: z.number().int().min(0),
      sha256: sha256Hex,
    }),
  ),
  signature: z.object({
    file: z.literal(HandoffFile.SIGNATURE),
    /** HMAC-SHA256 keyed with the agency's webhook secret (base64 after "whsec_"), as Standard Webhooks. */
    algorithm: z.literal('HMAC-SHA256'),
    encoding: z.literal('v1,<base64>'),
  }),
});
export type HandoffManifest = z.infer<typeof handoffManifestSchema>;

/** Columns of events.csv, for spreadsheet users; lists are joined with " | ". */
export const HANDOFF_CSV_COLUMNS = [
  'event_id',
  'type',
  'time',
  'referral_id',
  'case_reference',
  'service_code',
  'service_name',
  'purpose',
  'categories',
  'given_names',
  'family_name',
  'birth_date',
  'birth_date_precision',
  'nationality',
  'agency_identifier',
  'municipality',
  'languages',
  'residence_status',
  'arrival_date',
  'note',
  'requested_at',
  'respond_by',
  'reason',
  'cancelled_at',
  'consent_id',
  'cancelled_referral_ids',
  'revoked_at',
  'instruction',
] as const;

/** Columns of a status file's error report (CSV). */
export const HANDOFF_ERROR_COLUMNS = ['line', 'field', 'reason', 'event_id'] as const;
