import { Module } from '@nestjs/common';
import { MeResolver } from './me.resolver.js';
import { PrincipalChanges } from './principal-changes.js';
import { PrincipalService } from './principal.service.js';
import { ViewerResolver } from './viewer.resolver.js';
import { SignInLimits } from './sign-in-limits.js';
import { MetricsModule } from '../metrics/metrics.module.js';
import { OidcController } from './oidc/oidc.controller.js';
import { OidcService } from './oidc/oidc.service.js';
import { SessionsResolver } from './oidc/sessions.resolver.js';

/** Who is calling: the principal behind a credential or a session, the me query, and single sign-on. */
@Module({
  imports: [MetricsModule],
  controllers: [OidcController],
  providers: [PrincipalChanges, PrincipalService, SignInLimits, MeResolver, ViewerResolver, OidcService, SessionsResolver],
  exports: [PrincipalChanges, PrincipalService, SignInLimits],
})
export class AuthModule {}
