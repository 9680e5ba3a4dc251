/**
 * @kim/consent: a pure consent decision engine. Consents (after FHIR Consent, with permit/deny
 * provisions) and statutory legal bases in; per-category allow/deny with reason and basis out.
 */
export { decide, coveredCategories, canSend, grantsPerCategory } from './decide.js';
export { namesRecipient } from './evaluate.js';
export { localDay, DEFAULT_TIME_ZONE } from './calendar.js';
export {
  ConsentAction,
  DenialReason,
  type Basis,
  type Consent,
  type ConsentProvision,
  type Decision,
  type DecisionPolicy,
  type DecisionRequest,
  type Denial,
  type LegalBasis,
  type Recipient,
} from './types.js';
export {
  LEGAL_NORMS,
  citationOf,
  normByCode,
  normOfCitation,
  whyNormDoesNotCover,
  type LegalNorm,
} from './legal-norms.js';
export {
  decideTransfer,
  TransferRefusal,
  type TransferConsent,
  type TransferDecision,
  type TransferRequest,
} from './transfer.js';
