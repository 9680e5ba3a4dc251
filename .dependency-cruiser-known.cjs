// Known violations of the rule "the concept folders of packages/core/src import each other one
// way only" (scripts/lint-deps.mjs), found when the rule came (issue 15). Each entry is one
// folder importing another against the intended direction, so that it closes a cycle. The list
// may only shrink: a cycle not explained by these edges fails `npm run lint:deps`, and so does
// an entry that no longer exists (delete it then).
module.exports = [
  {
    from: 'access',
    to: 'case',
    why: "access/reads and access/overrides load the case through case/case-scope, which asks access/policy: the case scope is the policy's SQL side and belongs in access/.",
  },
  {
    from: 'access',
    to: 'consent',
    why: 'access/reads hydrates consents with consent/consent-check, which names its access rule (access/rules): the hydration belongs with the consent rows (persistence), not with the check.',
  },
  {
    from: 'access',
    to: 'linkage',
    why: 'access/policy uses linkage/link-rules, and linkage asks the policy; packages/core/src/linkage belongs to the linkage helper.',
  },
  {
    from: 'consent',
    to: 'referral',
    why: 'revoking a consent cancels its referrals (consent/consents → referral/referrals applyTransition); goes with the status planner in referral-workflow (issue 15 item 4).',
  },
  {
    from: 'consent',
    to: 'outbox',
    why: 'revoking a consent cancels pending messages (consent/consents → outbox/outbox); goes with the outbox module (issue 15 item 3).',
  },
];
