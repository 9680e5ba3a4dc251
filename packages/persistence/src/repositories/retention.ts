import { execute, rows, statement, type Db } from './statement.js';

// Löschung (Art. 17 GDPR) after the retention period: what goes and what stays is decided here,
// statement by statement, for every table that holds data of the person. Every tenant at once
// (the nightly job runs as the maintenance role).

const due = statement<{ tenant_id: string; id: string }, [Date]>(
  'retention',
  'due',
  `
  SELECT p.tenant_id, p.id FROM persons p
   WHERE p.erased_at IS NULL
     AND EXISTS (SELECT 1 FROM cases c WHERE c.tenant_id = p.tenant_id AND c.person_id = p.id)
     AND NOT EXISTS (SELECT 1 FROM cases c WHERE c.tenant_id = p.tenant_id AND c.person_id = p.id
                       AND (c.closed_at IS NULL OR c.closed_at >= $1))
   FOR UPDATE OF p`,
);

// Names, exact dates and identifiers go; what statistics need stays (year of birth,
// nationality, municipality, month of arrival).
const erasePerson = statement<never, [string, string]>(
  'retention',
  'erasePerson',
  `
  UPDATE persons SET given_names = '[gelöscht]', family_name = '[gelöscht]', name_original_script = NULL,
         aliases = '[]'::jsonb,
         birth_date = CASE WHEN birth_date IS NULL THEN NULL ELSE make_date(extract(year FROM birth_date)::int, 1, 1) END,
         birth_date_precision = CASE WHEN birth_date IS NULL THEN birth_date_precision ELSE 'year-only' END,
         arrival_date = date_trunc('month', arrival_date)::date, residence_status = NULL, erased_at = now()
   WHERE tenant_id = $1 AND id = $2`,
);

const eraseIdentifiers = statement<never, [string, string]>(
  'retention',
  'eraseIdentifiers',
  `
  DELETE FROM person_identifiers WHERE tenant_id = $1 AND person_id = $2`,
);

const eraseConsentDocuments = statement<never, [string, string]>(
  'retention',
  'eraseConsentDocuments',
  `
  UPDATE consents SET evidence = evidence - 'documentReference' WHERE tenant_id = $1 AND person_id = $2`,
);

// Linkage review evidence quotes the person's data, and its levels and weights compare it with
// the other person's: it goes. An undecided item goes whole (nobody decides about an erased
// person); a decided one stays as the bare fact who decided what when ("different persons"
// holds for good), without evidence or note.
const eraseOpenLinkReviews = statement<never, [string, string]>(
  'retention',
  'eraseOpenLinkReviews',
  `
  DELETE FROM link_reviews
   WHERE tenant_id = $1 AND (person_a_id = $2 OR person_b_id = $2) AND status IN ('open', 'withdrawn')`,
);

const eraseLinkReviewEvidence = statement<never, [string, string]>(
  'retention',
  'eraseLinkReviewEvidence',
  `
  UPDATE link_reviews SET evidence = '[]'::jsonb, note = NULL
   WHERE tenant_id = $1 AND (person_a_id = $2 OR person_b_id = $2)`,
);

// Staff's free text on a merge of the person.
const eraseMergeReasons = statement<never, [string, string]>(
  'retention',
  'eraseMergeReasons',
  `
  UPDATE person_merges SET reason = CASE WHEN basis = 'review' THEN '[gelöscht]' ELSE reason END,
         undo_reason = CASE WHEN undo_reason IS NULL THEN NULL ELSE '[gelöscht]' END
   WHERE tenant_id = $1 AND (survivor_id = $2 OR merged_id = $2)`,
);

// Message bodies carried names; the delivery facts (who, when, state) stay.
const eraseSentBodies = statement<never, [string, string]>(
  'retention',
  'eraseSentBodies',
  `
  UPDATE outbox_messages o SET sent_body = NULL FROM referrals r, cases c
   WHERE o.tenant_id = $1 AND r.tenant_id = o.tenant_id AND r.id = o.referral_id
     AND c.tenant_id = r.tenant_id AND c.id = r.case_id AND c.person_id = $2`,
);

const eraseInboundBodies = statement<never, [string, string]>(
  'retention',
  'eraseInboundBodies',
  `
  UPDATE inbound_messages i SET body = jsonb_build_object('erased', true) FROM referrals r, cases c
   WHERE i.tenant_id = $1 AND r.tenant_id = i.tenant_id AND r.id = i.referral_id
     AND c.tenant_id = r.tenant_id AND c.id = r.case_id AND c.person_id = $2`,
);

// The person's achievements (what they reached, with evidence references) and the dossiers that
// named them: both go whole. What a dossier sent is already gone from the outbox (sent bodies
// above); the ledger keeps that it was sent. Dossiers first: they name achievement ids.
const eraseDossiers = statement<never, [string, string]>(
  'retention',
  'eraseDossiers',
  `
  DELETE FROM dossiers d USING cases c
   WHERE d.tenant_id = $1 AND c.tenant_id = d.tenant_id AND c.id = d.case_id AND c.person_id = $2`,
);

const eraseAchievements = statement<never, [string, string]>(
  'retention',
  'eraseAchievements',
  `
  DELETE FROM achievements WHERE tenant_id = $1 AND person_id = $2`,
);

// Moving to another Kreis (issue 19): an offer still open is withdrawn (kim_transfer_withdraw
// checks it is ours), and the package of consented data an offer kept goes.
const withdrawTransferOffers = statement<never, [string, string]>(
  'retention',
  'withdrawTransferOffers',
  `
  SELECT kim_transfer_withdraw(s.id, 'the person''s data was erased')
    FROM case_transfer_sources s WHERE s.tenant_id = $1 AND s.person_id = $2`,
);

const eraseTransferPackages = statement<never, [string, string]>(
  'retention',
  'eraseTransferPackages',
  `
  UPDATE case_transfer_sources SET package = NULL WHERE tenant_id = $1 AND person_id = $2`,
);

export const retentionRepository = {
  /** Persons whose every case closed before the cutoff and who are not erased yet, locked. */
  due: (db: Db, cutoff: Date) => rows(db, due, [cutoff]),
  /** Erase what the hub holds of one person, in the order the statements are listed. */
  async erase(db: Db, tenantId: string, personId: string): Promise<void> {
    for (const s of [
      erasePerson,
      eraseIdentifiers,
      eraseConsentDocuments,
      eraseOpenLinkReviews,
      eraseLinkReviewEvidence,
      eraseMergeReasons,
      eraseSentBodies,
      eraseInboundBodies,
      eraseDossiers,
      eraseAchievements,
      withdrawTransferOffers,
      eraseTransferPackages,
    ]) {
      await execute(db, s, [tenantId, personId]);
    }
  },
};
