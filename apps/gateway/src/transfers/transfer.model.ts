import { Field, ID, InputType, ObjectType, registerEnumType } from '@nestjs/graphql';
import type { AcceptedTransfer, TransferOption as TransferOptionRow } from '@kim/core';
import type { IncomingTransferRow, OutgoingTransferRow } from '@kim/persistence';
import { DataCategory } from '../common/enums.js';

export const TransferStatus = {
  OFFERED: 'offered',
  WITHDRAWN: 'withdrawn',
  DECLINED: 'declined',
  ACCEPTED: 'accepted',
} as const;
export type TransferStatus = (typeof TransferStatus)[keyof typeof TransferStatus];
registerEnumType(TransferStatus, {
  name: 'TransferStatus',
  description: 'An offer to move a case to another Kreis: offered, withdrawn (by the sender), declined, accepted',
});

@InputType({ description: "Offer a case to another Kreis of the hub, under the person's consent naming it" })
export class OfferTransferInput {
  @Field(() => ID) caseId!: string;
  @Field(() => ID, { description: 'The receiving Kreis (see transferOptions)' }) toTenantId!: string;
  @Field(() => [DataCategory], {
    nullable: true,
    description: 'The categories to pass on (IDENTITY among them); omit for all the consent names',
  })
  categories?: string[];
}

@InputType({ description: 'Accept an offer addressed to your Kreis and assign one of your regional areas' })
export class AcceptTransferInput {
  @Field(() => ID) transferId!: string;
  @Field(() => ID) regionId!: string;
  @Field(() => ID, { nullable: true, description: 'Its case manager; omit for the first of the area by name' })
  caseManagerId?: string;
}

@InputType({ description: 'Decline an offer addressed to your Kreis' })
export class DeclineTransferInput {
  @Field(() => ID) transferId!: string;
  @Field({ description: 'Why (the sending Kreis reads it; at most 500 characters)' }) reason!: string;
}

@ObjectType({ description: 'An offer to move a case, as the sending Kreis sees it' })
export class OutgoingTransfer {
  @Field(() => ID) id!: string;
  @Field(() => ID) caseId!: string;
  @Field(() => ID) toTenantId!: string;
  @Field({ description: 'The receiving Kreis' }) toKreis!: string;
  @Field(() => [DataCategory]) categories!: string[];
  @Field(() => TransferStatus) status!: TransferStatus;
  @Field() offeredAt!: Date;
  @Field(() => Date, { nullable: true }) decidedAt!: Date | null;
  @Field(() => String, { nullable: true, description: 'Why the receiving Kreis declined' }) declineReason!:
    string | null;
  @Field(() => Date, { nullable: true, description: 'When this case closed as moved' }) closedAt!: Date | null;
  static from(r: OutgoingTransferRow): OutgoingTransfer {
    return Object.assign(new OutgoingTransfer(), {
      id: r.id,
      caseId: r.caseId,
      toTenantId: r.toTenantId,
      toKreis: r.toTenantName,
      categories: r.categories,
      status: r.status,
      offeredAt: r.offeredAt,
      decidedAt: r.decidedAt,
      declineReason: r.declineReason,
      closedAt: r.closedAt,
    });
  }
}

@ObjectType({
  description: 'An offer addressed to your Kreis: nothing personal until accepted (who sends, which categories, when)',
})
export class IncomingTransfer {
  @Field(() => ID) id!: string;
  @Field({ description: 'The sending Kreis' }) fromKreis!: string;
  @Field(() => [DataCategory]) categories!: string[];
  @Field(() => TransferStatus) status!: TransferStatus;
  @Field() offeredAt!: Date;
  @Field(() => Date, { nullable: true }) decidedAt!: Date | null;
  @Field(() => String, { nullable: true }) declineReason!: string | null;
  static from(r: IncomingTransferRow): IncomingTransfer {
    return Object.assign(new IncomingTransfer(), {
      id: r.id,
      fromKreis: r.fromTenantName,
      categories: r.categories,
      status: r.status,
      offeredAt: r.offeredAt,
      decidedAt: r.decidedAt,
      declineReason: r.declineReason,
    });
  }
}

@ObjectType({ description: 'The case opened in your Kreis by accepting an offer' })
export class AcceptedTransferResult {
  @Field(() => IncomingTransfer) transfer!: IncomingTransfer;
  @Field(() => ID) caseId!: string;
  @Field() caseReference!: string;
  static from(a: AcceptedTransfer): AcceptedTransferResult {
    return Object.assign(new AcceptedTransferResult(), {
      transfer: IncomingTransfer.from(a.transfer),
      caseId: a.caseId,
      caseReference: a.caseReference,
    });
  }
}

@ObjectType({ description: 'A Kreis the case could move to, and whether a consent of the person covers it' })
export class TransferOption {
  @Field(() => ID) tenantId!: string;
  @Field() kreis!: string;
  @Field() covered!: boolean;
  @Field(() => ID, { nullable: true, description: 'The consent that covers it' }) consentId!: string | null;
  @Field(() => [DataCategory], { description: 'The categories that consent lets pass on' }) categories!: string[];
  @Field(() => String, {
    nullable: true,
    description: 'Why not: NO_CONSENT, REVOKED, EXPIRED, NOT_YET_VALID, CATEGORY_NOT_COVERED or IDENTITY_REQUIRED',
  })
  refusal!: string | null;
  @Field(() => ID, { nullable: true, description: 'The consent that came closest, when none covers it' })
  closestConsentId!: string | null;
  static from(o: TransferOptionRow): TransferOption {
    const d = o.decision;
    return Object.assign(new TransferOption(), {
      tenantId: o.tenantId,
      kreis: o.name,
      covered: d.allowed,
      consentId: d.allowed ? d.consentId : null,
      categories: d.allowed ? d.categories : [],
      refusal: d.allowed ? null : d.reason,
      closestConsentId: d.allowed ? null : (d.closestId ?? null),
    });
  }
}
