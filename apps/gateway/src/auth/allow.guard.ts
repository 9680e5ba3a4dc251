import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { GqlExecutionContext } from '@nestjs/graphql';
import { GraphQLError } from 'graphql';
import { ALLOW_KEY, callerOf, type Caller } from './allow.decorator.js';
import { unauthenticated } from '../common/errors.js';
import type { GqlContext } from '../common/context.js';

/** Fail closed: no declaration, no principal, or a caller not named → refused. */
@Injectable()
export class AllowGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    if (context.getType<string>() !== 'graphql') return true;
    const info = GqlExecutionContext.create(context);
    const parent = info.getInfo<{ parentType: { name: string } }>().parentType.name;
    // Field resolvers inherit the access of the operation that reached them.
    if (parent !== 'Query' && parent !== 'Mutation') return true;
    const allowed = this.reflector.get<Caller[] | undefined>(ALLOW_KEY, context.getHandler());
    if (!allowed) throw new GraphQLError('operation has no access declaration', { extensions: { code: 'FORBIDDEN' } });
    const { principal } = info.getContext<GqlContext>();
    if (!principal) throw unauthenticated();
    const caller = callerOf(principal);
    if (!caller || !allowed.includes(caller)) {
      throw new GraphQLError(`this operation is not open to ${caller ?? 'this principal'}`, {
        extensions: { code: 'FORBIDDEN' },
      });
    }
    return true;
  }
}
