import { Module } from '@nestjs/common';
import { HandoffsResolver } from './handoffs.resolver.js';

/** Run reports of the overnight file handoffs. */
@Module({ providers: [HandoffsResolver] })
export class HandoffsModule {}
