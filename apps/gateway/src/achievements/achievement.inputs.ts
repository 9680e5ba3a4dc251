import { Field, Float, InputType, Int } from '@nestjs/graphql';
import { AchievementKind, CefrLevel, EvidenceKind, RecognitionResult, SchoolAttendee } from './achievement.model.js';

// Shapes only; which fields each kind needs, their bounds and dates are the contracts' rules
// (achievementFactsSchema): a field a kind does not have is refused, not ignored.

@InputType({ description: 'The facts of an achievement; which fields apply depends on the kind' })
export class AchievementInput {
  @Field(() => AchievementKind) kind!: string;
  @Field({ description: 'ISO date: issued, passed, completed, or begun' }) achievedOn!: string;
  @Field({ nullable: true, description: 'ISO date the employment, training, school or voluntary work ended' })
  endedOn?: string;
  @Field(() => CefrLevel, { nullable: true, description: 'Language certificate' }) cefrLevel?: string;
  @Field({ nullable: true, description: 'Language certificate: the test, e.g. DTZ, telc Deutsch B1' }) test?: string;
  @Field({ nullable: true, description: 'Course provider, employer, organisation or recognising body' })
  provider?: string;
  @Field(() => Int, { nullable: true, description: '"Leben in Deutschland": points out of 33' }) points?: number;
  @Field(() => Float, { nullable: true, description: 'Employment, voluntary work' }) hoursPerWeek?: number;
  @Field({ nullable: true, description: 'Employment: the income secures the livelihood' }) securesLivelihood?: boolean;
  @Field(() => SchoolAttendee, { nullable: true, description: 'School: the person or a child' }) attendee?: string;
  @Field({ nullable: true, description: 'School, occupation trained for, or foreign qualification' }) title?: string;
  @Field({ nullable: true, description: 'School: the qualification obtained' }) qualification?: string;
  @Field({ nullable: true, description: 'Vocational training: completed' }) completed?: boolean;
  @Field(() => RecognitionResult, { nullable: true, description: 'Recognition of a foreign qualification' })
  recognition?: string;
}

@InputType({ description: 'The evidence the case manager saw' })
export class AchievementEvidenceInput {
  @Field(() => EvidenceKind) kind!: string;
  @Field({ description: "The document's number or file reference (at most 200 characters)" }) reference!: string;
  @Field({ description: 'ISO date the evidence was seen' }) seenOn!: string;
}
