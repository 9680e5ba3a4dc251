import { Field, ID, ObjectType } from '@nestjs/graphql';
import type { StaffSessionRow } from '@kim/persistence';

/** A staff user's session after single sign-on (never its secret). */
@ObjectType({ description: 'A session after single sign-on' })
export class StaffSession {
  @Field(() => ID) id!: string;
  @Field(() => ID) staffUserId!: string;
  @Field({ description: 'The identity provider that signed the user in' }) issuer!: string;
  @Field() createdAt!: Date;
  @Field() lastSeenAt!: Date;
  @Field({ description: 'The absolute end' }) expiresAt!: Date;
  @Field(() => Date, { nullable: true }) endedAt!: Date | null;
  @Field(() => String, { nullable: true, description: 'sign-out, ended-by-user, ended-by-admin, deactivated' })
  endReason!: string | null;
  @Field(() => String, { nullable: true, description: 'The browser that signed in' }) userAgent!: string | null;
  @Field({ description: 'Whether this is the session of the request' }) current!: boolean;

  static from(r: StaffSessionRow): StaffSession {
    return Object.assign(new StaffSession(), {
      id: r.id,
      staffUserId: r.staffUserId,
      issuer: r.issuer,
      createdAt: r.createdAt,
      lastSeenAt: r.lastSeenAt,
      expiresAt: r.expiresAt,
      endedAt: r.endedAt,
      endReason: r.endReason,
      userAgent: r.userAgent,
      current: r.current,
    });
  }
}
