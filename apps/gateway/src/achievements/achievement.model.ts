import { Field, Float, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { AchievementKind, AchievementSource, EvidenceKind, RecognitionResult, SchoolAttendee } from '@kim/contracts';
import type { AchievementRow } from '@kim/persistence';

/** CEFR levels keep their codes in GraphQL too (A1 … C2). */
export const CefrLevel = { A1: 'A1', A2: 'A2', B1: 'B1', B2: 'B2', C1: 'C1', C2: 'C2' } as const;

registerEnumType(AchievementKind, { name: 'AchievementKind', description: 'Kind of integration achievement' });
registerEnumType(AchievementSource, {
  name: 'AchievementSource',
  description: "An agency's message, or a case manager who saw the evidence",
});
registerEnumType(EvidenceKind, { name: 'EvidenceKind', description: 'The document a case manager saw' });
registerEnumType(SchoolAttendee, { name: 'SchoolAttendee' });
registerEnumType(RecognitionResult, { name: 'RecognitionResult' });
registerEnumType(CefrLevel, { name: 'CefrLevel', description: 'Common European Framework of Reference level' });

export { AchievementKind, AchievementSource, EvidenceKind, RecognitionResult, SchoolAttendee };

@ObjectType({ description: 'What the achievement rests on' })
export class AchievementEvidence {
  @Field(() => EvidenceKind) kind!: string;
  @Field({ description: "The document's number or file reference; for an agency, its message" }) reference!: string;
  @Field({ description: 'ISO date the evidence was seen (or the message received)' }) seenOn!: string;
}

const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);
const num = (v: unknown): number | null => (typeof v === 'number' ? v : null);
const bool = (v: unknown): boolean | null => (typeof v === 'boolean' ? v : null);

@ObjectType({
  description: 'An integration achievement of the person (issue 19); corrections are kept, never overwritten',
})
export class Achievement {
  @Field(() => ID) id!: string;
  @Field(() => ID) caseId!: string;
  @Field(() => AchievementKind) kind!: string;
  @Field({
    description: 'Issued, passed, completed, or (employment, training, school, voluntary work) begun: ISO date',
  })
  achievedOn!: string;
  @Field(() => String, { nullable: true }) endedOn!: string | null;
  @Field(() => CefrLevel, { nullable: true }) cefrLevel!: string | null;
  @Field(() => String, { nullable: true }) test!: string | null;
  @Field(() => String, { nullable: true, description: 'Course provider, employer, organisation, recognising body' })
  provider!: string | null;
  @Field(() => Int, { nullable: true, description: '"Leben in Deutschland": points out of 33' }) points!: number | null;
  @Field(() => Float, { nullable: true }) hoursPerWeek!: number | null;
  @Field(() => Boolean, { nullable: true }) securesLivelihood!: boolean | null;
  @Field(() => SchoolAttendee, { nullable: true }) attendee!: string | null;
  @Field(() => String, { nullable: true, description: 'School, occupation or foreign qualification' })
  title!: string | null;
  @Field(() => String, { nullable: true }) qualification!: string | null;
  @Field(() => Boolean, { nullable: true }) completed!: boolean | null;
  @Field(() => RecognitionResult, { nullable: true }) recognition!: string | null;
  @Field(() => AchievementSource) source!: string;
  @Field(() => ID, { nullable: true, description: 'The agency whose message brought it' }) agencyId!: string | null;
  @Field(() => ID, { nullable: true }) referralId!: string | null;
  @Field(() => AchievementEvidence) evidence!: AchievementEvidence;
  @Field() recordedAt!: Date;
  @Field(() => ID, { nullable: true, description: 'The achievement this one corrects' }) correctsId!: string | null;
  @Field(() => String, { nullable: true }) correctionReason!: string | null;
  @Field(() => Date, { nullable: true, description: 'Set when a correction replaced it' }) supersededAt!: Date | null;
  @Field(() => ID, { nullable: true }) supersededById!: string | null;

  static from(r: AchievementRow): Achievement {
    const d = r.details;
    return Object.assign(new Achievement(), {
      id: r.id,
      caseId: r.caseId,
      kind: r.kind,
      achievedOn: r.achievedOn,
      endedOn: r.endedOn,
      cefrLevel: str(d.cefrLevel),
      test: str(d.test),
      provider: str(d.provider),
      points: num(d.points),
      hoursPerWeek: num(d.hoursPerWeek),
      securesLivelihood: bool(d.securesLivelihood),
      attendee: str(d.attendee),
      title: str(d.title),
      qualification: str(d.qualification),
      completed: bool(d.completed),
      recognition: str(d.recognition),
      source: r.source,
      agencyId: r.agencyId,
      referralId: r.referralId,
      evidence: { kind: r.evidenceKind, reference: r.evidenceReference, seenOn: r.evidenceSeenOn },
      recordedAt: r.recordedAt,
      correctsId: r.correctsId,
      correctionReason: r.correctionReason,
      supersededAt: r.supersededAt,
      supersededById: r.supersededById,
    });
  }
}
