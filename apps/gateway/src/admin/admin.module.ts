import { Module } from '@nestjs/common';
import { AdminResolver } from './admin.resolver.js';

/** The tenant administration: areas, staff users, agencies, services and credentials. */
@Module({ providers: [AdminResolver] })
export class AdminModule {}
