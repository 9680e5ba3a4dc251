import { Field, ID, ObjectType } from '@nestjs/graphql';
import { StaffMember } from '../cases/case.model.js';

@ObjectType({ description: 'The tenant (Kreis or kreisfreie Stadt) the caller belongs to' })
export class ViewerTenant {
  @Field(() => ID) id!: string;
  @Field() slug!: string;
  @Field() name!: string;
}

@ObjectType({ description: 'The agency an API key belongs to' })
export class ViewerAgency {
  @Field(() => ID) id!: string;
  @Field() name!: string;
  @Field({ description: 'Where the agency posts its signed status messages (Standard Webhooks, CloudEvents)' })
  statusUrl!: string;
}

@ObjectType({ description: 'Who is calling: the tenant, and the agency or staff member behind the credential' })
export class Viewer {
  @Field(() => ViewerTenant) tenant!: ViewerTenant;
  @Field(() => ViewerAgency, { nullable: true, description: 'Set when an agency calls with its API key' })
  agency!: ViewerAgency | null;
  @Field(() => StaffMember, { nullable: true, description: 'Set when a staff member calls' })
  staff!: StaffMember | null;
}
