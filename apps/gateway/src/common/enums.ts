import { registerEnumType } from '@nestjs/graphql';
import {
  AgencyChannel,
  AgencyKind,
  BirthDatePrecision,
  BusinessStatus,
  CasePhase,
  DataCategory,
  DeliveryState,
  LegalBasisDecision,
  LegalBasisStatus,
  LegalDomain,
  LifeDomain,
  OverrideVerdict,
  Purpose,
  ReferralStatus,
} from '@kim/contracts';

// GraphQL shows the keys (IN_PROGRESS); the hub stores and sends the values (in-progress).
registerEnumType(CasePhase, { name: 'CasePhase', description: 'Phase of KIM case management' });
registerEnumType(LifeDomain, { name: 'LifeDomain' });
registerEnumType(ReferralStatus, { name: 'ReferralStatus', description: 'After HL7 FHIR Task.status' });
registerEnumType(BusinessStatus, { name: 'BusinessStatus', description: 'Finer status beside the FHIR status' });
registerEnumType(DeliveryState, { name: 'DeliveryState', description: 'Delivery of the newest outbound message' });
registerEnumType(AgencyKind, { name: 'AgencyKind' });
registerEnumType(AgencyChannel, { name: 'AgencyChannel' });
registerEnumType(LegalDomain, { name: 'LegalDomain', description: 'Rechtskreis the agency acts under' });
registerEnumType(DataCategory, { name: 'DataCategory' });
registerEnumType(Purpose, { name: 'Purpose' });
registerEnumType(BirthDatePrecision, { name: 'BirthDatePrecision' });
registerEnumType(LegalBasisStatus, {
  name: 'LegalBasisStatus',
  description: 'Four-eyes review of a legal basis: only a confirmed one takes effect',
});
registerEnumType(LegalBasisDecision, { name: 'LegalBasisDecision' });
registerEnumType(OverrideVerdict, {
  name: 'OverrideVerdict',
  description: "A coordinator's verdict on a break-glass override",
});

export {
  AgencyChannel,
  AgencyKind,
  BirthDatePrecision,
  BusinessStatus,
  CasePhase,
  DataCategory,
  DeliveryState,
  LegalBasisDecision,
  LegalBasisStatus,
  LegalDomain,
  LifeDomain,
  OverrideVerdict,
  Purpose,
  ReferralStatus,
};
