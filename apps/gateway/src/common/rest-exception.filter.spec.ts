import { EXCEPTION_FILTERS_METADATA } from '@nestjs/common/constants.js';
import { MODULE_METADATA } from '@nestjs/common/constants.js';
import type { DynamicModule, Type } from '@nestjs/common';
import { InputValidationError } from '@kim/contracts';
import { DomainError, type DomainErrorCode } from '@kim/core';
import type { HubConfig } from '@kim/config';
import { AppModule } from '../app.module.js';
import { RestExceptionFilter, restErrorOf } from './rest-exception.filter.js';

/**
 * The statuses written down from the issue (15, item 5) and RFC 9110, apart from the table
 * the filter uses: bad input 400, refused 403, unknown 404, a state that forbids it 409, the
 * person's word against it 422. Never 500 for any of them.
 */
const EXPECTED: Record<DomainErrorCode, number> = {
  INVALID_INPUT: 400,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  INVALID_TRANSITION: 409,
  CONFLICT: 409,
  CONSENT_REQUIRED: 422,
  DO_NOT_CONTACT: 422,
};

describe('the REST exception filter', () => {
  it('answers every domain code with its status and the same code GraphQL gives, with its details', () => {
    for (const [code, status] of Object.entries(EXPECTED) as [DomainErrorCode, number][]) {
      const problems = [{ path: 'x', message: 'bad' }];
      expect([code, restErrorOf(new DomainError(code, `says ${code}`, { problems }))]).toEqual([
        code,
        { status, body: { error: code, message: `says ${code}`, problems } },
      ]);
    }
  });

  it("answers a contract's validation error as INVALID_INPUT with its problems", () => {
    const problems = [{ path: 'data.status', message: 'Invalid enum value' }];
    expect(restErrorOf(new InputValidationError('status event', problems))).toEqual({
      status: 400,
      body: { error: 'INVALID_INPUT', message: 'invalid status event: data.status: Invalid enum value', problems },
    });
  });

  it('leaves faults to Nest (a 500 that is logged), not dressed up as an answer', () => {
    expect(restErrorOf(new Error('connection terminated'))).toBeNull();
    expect(restErrorOf('a string')).toBeNull();
  });

  it('is bound on every controller of the gateway', () => {
    const controllers = new Set<Type>();
    const seen = new Set<unknown>();
    const walk = (m: Type | DynamicModule | undefined) => {
      if (!m || seen.has(m)) return;
      seen.add(m);
      const dynamic = (m as DynamicModule).module ? (m as DynamicModule) : undefined;
      const type = dynamic?.module ?? (m as Type);
      const list = (key: string): unknown[] => [
        ...((Reflect.getMetadata(key, type) as unknown[] | undefined) ?? []),
        ...(((dynamic as Record<string, unknown> | undefined)?.[key] as unknown[] | undefined) ?? []),
      ];
      for (const c of list(MODULE_METADATA.CONTROLLERS)) controllers.add(c as Type);
      for (const i of list(MODULE_METADATA.IMPORTS)) walk(i as Type | DynamicModule);
    };
    walk(AppModule.forConfig({} as HubConfig));
    const names = [...controllers].map((c) => c.name).sort();
    // The oracle's own list, so a controller lost from the walk shows too.
    expect(names).toEqual([
      'AccessReportController',
      'BoardReportsController',
      'HealthController',
      'InboundController',
      'OidcController',
    ]);
    for (const c of controllers) {
      const filters = (Reflect.getMetadata(EXCEPTION_FILTERS_METADATA, c) as unknown[] | undefined) ?? [];
      expect([c.name, filters.includes(RestExceptionFilter)]).toEqual([c.name, true]);
    }
  });
});
