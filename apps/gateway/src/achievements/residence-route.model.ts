import { Field, ID, ObjectType, registerEnumType } from '@nestjs/graphql';
import type { FactEvaluation, RouteEvaluation } from '@kim/core';

export const RouteFactStatus = {
  HELD: 'held',
  MISSING: 'missing',
  AUTHORITY: 'authority',
  UNKNOWN: 'unknown',
} as const;
registerEnumType(RouteFactStatus, {
  name: 'RouteFactStatus',
  description:
    'HELD: evidence held; MISSING: none held; AUTHORITY: only the authority can tell; UNKNOWN: the hub lacks the data',
});

@ObjectType({ description: 'A text in German and English' })
export class LocalizedText {
  @Field() de!: string;
  @Field() en!: string;
}

@ObjectType({ description: 'One fact a route asks about, and whether the hub holds evidence for it' })
export class RouteFact {
  @Field() key!: string;
  @Field(() => LocalizedText) label!: LocalizedText;
  @Field({ description: 'The provision, e.g. § 25b Abs. 1 Satz 2 Nr. 4 AufenthG' }) source!: string;
  @Field(() => RouteFactStatus) status!: string;
  @Field(() => [ID], { description: 'The achievements the evidence is' }) evidence!: string[];
  @Field(() => LocalizedText, { nullable: true }) note!: LocalizedText | null;
  static from(f: FactEvaluation): RouteFact {
    return Object.assign(new RouteFact(), f);
  }
}

@ObjectType({ description: 'A route to a secure residence: information only, the authority decides' })
export class ResidenceRoute {
  @Field() key!: string;
  @Field({ description: 'e.g. § 25b AufenthG' }) law!: string;
  @Field(() => LocalizedText) title!: LocalizedText;
  @Field({ description: 'The wording of the law in force from this day' }) validFrom!: string;
  @Field() amendedBy!: string;
  @Field(() => [RouteFact]) facts!: RouteFact[];
  @Field(() => LocalizedText) disclaimer!: LocalizedText;
  static from(r: RouteEvaluation): ResidenceRoute {
    return Object.assign(new ResidenceRoute(), { ...r, facts: r.facts.map((f) => RouteFact.from(f)) });
  }
}
