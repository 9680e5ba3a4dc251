import { Module } from '@nestjs/common';
import { MeResolver } from './me.resolver.js';
import { PrincipalService } from './principal.service.js';

/** Who is calling: the principal behind a credential, and the me query. */
@Module({ providers: [PrincipalService, MeResolver], exports: [PrincipalService] })
export class AuthModule {}
