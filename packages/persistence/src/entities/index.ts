import { TenantEntity } from './tenant.entity.js';
import { CoordinationAreaEntity, RegionEntity, StaffUserEntity } from './organisation.entity.js';
import { AgencyEntity, ServiceEntity } from './agency.entity.js';
import { PersonEntity, PersonIdentifierEntity } from './person.entity.js';
import { CaseEntity, CaseNeedEntity, GoalEntity } from './case.entity.js';
import { ConsentEntity, LegalBasisEntity } from './consent.entity.js';
import { ReferralEntity } from './referral.entity.js';
import { TimelineEventEntity } from './timeline-event.entity.js';
import { AuditEventEntity, InboundMessageEntity, OutboxMessageEntity } from './message.entity.js';
import { AccessOverrideEntity } from './override.entity.js';
import { LinkReviewEntity, PersonMatchRequestEntity, PersonMergeEntity } from './linkage.entity.js';
import { CredentialEntity } from './credential.entity.js';
import { SignInFlowEntity, StaffSessionEntity } from './session.entity.js';
import { HandoffImportEntity, HandoffImportErrorEntity, HandoffRunEntity } from './handoff.entity.js';
import { AchievementEntity } from './achievement.entity.js';
import { DossierEntity } from './dossier.entity.js';
import { CaseTransferEntity, CaseTransferSourceEntity } from './transfer.entity.js';

export * from './tenant.entity.js';
export * from './organisation.entity.js';
export * from './agency.entity.js';
export * from './person.entity.js';
export * from './case.entity.js';
export * from './consent.entity.js';
export * from './referral.entity.js';
export * from './timeline-event.entity.js';
export * from './message.entity.js';
export * from './override.entity.js';
export * from './handoff.entity.js';
export * from './linkage.entity.js';
export * from './credential.entity.js';
export * from './session.entity.js';
export * from './achievement.entity.js';
export * from './dossier.entity.js';
export * from './transfer.entity.js';

/** Listed explicitly, never globbed: what is here is what the migrations must match. */
export const ENTITIES = [
  TenantEntity,
  CoordinationAreaEntity,
  RegionEntity,
  StaffUserEntity,
  AgencyEntity,
  ServiceEntity,
  PersonEntity,
  PersonIdentifierEntity,
  CaseEntity,
  CaseNeedEntity,
  GoalEntity,
  ConsentEntity,
  LegalBasisEntity,
  ReferralEntity,
  TimelineEventEntity,
  OutboxMessageEntity,
  InboundMessageEntity,
  AuditEventEntity,
  AccessOverrideEntity,
  HandoffRunEntity,
  HandoffImportEntity,
  HandoffImportErrorEntity,
  LinkReviewEntity,
  PersonMergeEntity,
  PersonMatchRequestEntity,
  CredentialEntity,
  StaffSessionEntity,
  SignInFlowEntity,
  AchievementEntity,
  DossierEntity,
  CaseTransferEntity,
  CaseTransferSourceEntity,
];
