import { Module } from '@nestjs/common';
import { MeResolver } from './me.resolver.js';
import { PrincipalService } from './principal.service.js';
import { ViewerResolver } from './viewer.resolver.js';

/** Who is calling: the principal behind a credential, and the me query. */
@Module({ providers: [PrincipalService, MeResolver, ViewerResolver], exports: [PrincipalService] })
export class AuthModule {}
