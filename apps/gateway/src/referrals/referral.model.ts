import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { berlinDay, overdueOf } from '@kim/core';
import type { ReferralEntity } from '@kim/persistence';
import { BusinessStatus, DataCategory, DeliveryState, Purpose, ReferralStatus } from '../common/enums.js';

@ObjectType({ description: "A referral from a case to an agency's service, with a closed-loop status" })
export class Referral {
  @Field(() => ID) id!: string;
  @Field(() => ReferralStatus) status!: ReferralStatus;
  @Field(() => BusinessStatus, { nullable: true }) businessStatus!: BusinessStatus | null;
  @Field(() => String, { nullable: true, description: 'Why it was rejected, cancelled, put on hold or failed' })
  statusReason!: string | null;
  @Field(() => [String], { nullable: true, description: 'Services actually delivered (completed)' })
  servicesDelivered!: string[] | null;
  @Field(() => String, { nullable: true }) outcome!: string | null;
  @Field(() => Purpose) purpose!: Purpose;
  @Field(() => [DataCategory], { description: 'Data categories the referral carries' }) categories!: DataCategory[];
  /** Resolved by ReferralsResolver.note: an agency's view of it is recorded as a disclosure. */
  note!: string | null;
  @Field(() => String, {
    nullable: true,
    description:
      'Set in the answer to createReferral and sendReferral when the referral has a note: the note goes out with the referral and counts as a disclosure of its categories',
  })
  noteWarning!: string | null;
  @Field(() => Date, { nullable: true }) requestedAt!: Date | null;
  @Field(() => String, { nullable: true, description: 'Date by which the agency should answer' }) respondBy!:
    string | null;
  @Field({ description: "Still waiting for the agency's answer on a day after respondBy (computed when read)" })
  overdue!: boolean;
  @Field(() => Int, { description: 'NRW working days past respondBy; 0 when not overdue' })
  overdueWorkingDays!: number;
  caseId!: string;
  serviceId!: string;
  agencyId!: string;
  /** The person of the case, where the referral was reached through its case (for the ledger). */
  personId?: string;

  static from(e: ReferralEntity, personId?: string): Referral {
    return Object.assign(new Referral(), {
      id: e.id,
      status: e.status,
      businessStatus: e.businessStatus,
      statusReason: e.statusReason,
      servicesDelivered: e.servicesDelivered,
      outcome: e.outcome,
      purpose: e.purpose,
      categories: e.categories,
      note: e.note,
      requestedAt: e.requestedAt,
      respondBy: e.respondBy,
      ...overdueOf(e, berlinDay(new Date())),
      caseId: e.caseId,
      serviceId: e.serviceId,
      agencyId: e.agencyId,
      noteWarning: null,
      ...(personId ? { personId } : {}),
    });
  }

  /** The sender's warning about the free-text note (German first, for the console). */
  withNoteWarning(agencyName: string): Referral {
    if (!this.note) return this;
    const categories = this.categories.join(', ');
    this.noteWarning =
      `Die Notiz geht mit der Überweisung an ${agencyName} und gilt als Weitergabe der Kategorien ${categories}; ` +
      `schreiben Sie nichts hinein, was diese Kategorien nicht abdecken. / The note goes out with the referral to ` +
      `${agencyName} and counts as a disclosure of ${categories}: write nothing those categories do not cover.`;
    return this;
  }
}

export { DeliveryState };
