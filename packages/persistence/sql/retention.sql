-- due
SELECT p.tenant_id, p.id FROM persons p
 WHERE p.erased_at IS NULL
   AND EXISTS (SELECT 1 FROM cases c WHERE c.tenant_id = p.tenant_id AND c.person_id = p.id)
   AND NOT EXISTS (SELECT 1 FROM cases c WHERE c.tenant_id = p.tenant_id AND c.person_id = p.id
                     AND (c.closed_at IS NULL OR c.closed_at >= $1))
 FOR UPDATE OF p;

-- eraseAchievements
DELETE FROM achievements WHERE tenant_id = $1 AND person_id = $2;

-- eraseConsentDocuments
UPDATE consents SET evidence = evidence - 'documentReference' WHERE tenant_id = $1 AND person_id = $2;

-- eraseDossiers
DELETE FROM dossiers d USING cases c
 WHERE d.tenant_id = $1 AND c.tenant_id = d.tenant_id AND c.id = d.case_id AND c.person_id = $2;

-- eraseIdentifiers
DELETE FROM person_identifiers WHERE tenant_id = $1 AND person_id = $2;

-- eraseInboundBodies
UPDATE inbound_messages i SET body = jsonb_build_object('erased', true) FROM referrals r, cases c
 WHERE i.tenant_id = $1 AND r.tenant_id = i.tenant_id AND r.id = i.referral_id
   AND c.tenant_id = r.tenant_id AND c.id = r.case_id AND c.person_id = $2;

-- eraseLinkReviewEvidence
UPDATE link_reviews SET evidence = '[]'::jsonb, note = NULL
 WHERE tenant_id = $1 AND (person_a_id = $2 OR person_b_id = $2);

-- eraseMergeReasons
UPDATE person_merges SET reason = CASE WHEN basis = 'review' THEN '[gelöscht]' ELSE reason END,
       undo_reason = CASE WHEN undo_reason IS NULL THEN NULL ELSE '[gelöscht]' END
 WHERE tenant_id = $1 AND (survivor_id = $2 OR merged_id = $2);

-- eraseOpenLinkReviews
DELETE FROM link_reviews
 WHERE tenant_id = $1 AND (person_a_id = $2 OR person_b_id = $2) AND status IN ('open', 'withdrawn');

-- erasePerson
UPDATE persons SET given_names = '[gelöscht]', family_name = '[gelöscht]', name_original_script = NULL,
       aliases = '[]'::jsonb,
       birth_date = CASE WHEN birth_date IS NULL THEN NULL ELSE make_date(extract(year FROM birth_date)::int, 1, 1) END,
       birth_date_precision = CASE WHEN birth_date IS NULL THEN birth_date_precision ELSE 'year-only' END,
       arrival_date = date_trunc('month', arrival_date)::date, residence_status = NULL, erased_at = now()
 WHERE tenant_id = $1 AND id = $2;

-- eraseSentBodies
UPDATE outbox_messages o SET sent_body = NULL FROM referrals r, cases c
 WHERE o.tenant_id = $1 AND r.tenant_id = o.tenant_id AND r.id = o.referral_id
   AND c.tenant_id = r.tenant_id AND c.id = r.case_id AND c.person_id = $2;

-- eraseTransferPackages
UPDATE case_transfer_sources SET package = NULL WHERE tenant_id = $1 AND person_id = $2;

-- withdrawTransferOffers
SELECT kim_transfer_withdraw(s.id, 'the person''s data was erased')
  FROM case_transfer_sources s WHERE s.tenant_id = $1 AND s.person_id = $2;

