import { Module } from '@nestjs/common';
import { MeResolver } from './me.resolver.js';
import { PrincipalService } from './principal.service.js';
import { ViewerResolver } from './viewer.resolver.js';
import { SignInLimits } from './sign-in-limits.js';
import { MetricsModule } from '../metrics/metrics.module.js';

/** Who is calling: the principal behind a credential, and the me query. */
@Module({
  imports: [MetricsModule],
  providers: [PrincipalService, SignInLimits, MeResolver, ViewerResolver],
  exports: [PrincipalService, SignInLimits],
})
export class AuthModule {}
