import { Module } from '@nestjs/common';
import { ChangesResolver } from './changes.resolver.js';

/** referralChanges: the polling fallback for agencies without webhooks. */
@Module({ providers: [ChangesResolver] })
export class ChangesModule {}
