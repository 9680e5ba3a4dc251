import { Module } from '@nestjs/common';
import { LinkageResolver } from './linkage.resolver.js';

/** The identity-linkage review queue and merges. */
@Module({ providers: [LinkageResolver] })
export class LinkageModule {}
