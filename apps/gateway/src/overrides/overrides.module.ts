import { Module } from '@nestjs/common';
import { OverridesResolver } from './overrides.resolver.js';

/** Break-glass access overrides and their review. */
@Module({ providers: [OverridesResolver] })
export class OverridesModule {}
