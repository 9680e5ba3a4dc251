import { Module } from '@nestjs/common';
import { AdminResolver, AdministeredAgencyResolver } from './admin.resolver.js';

/** The tenant administration: areas, staff users, agencies, services and credentials. */
@Module({ providers: [AdminResolver, AdministeredAgencyResolver] })
export class AdminModule {}
