import './common/enums.js';
import { randomUUID } from 'node:crypto';
import { Module, type DynamicModule } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, DiscoveryModule } from '@nestjs/core';
import { GraphQLModule } from '@nestjs/graphql';
import { ApolloDriver, type ApolloDriverConfig } from '@nestjs/apollo';
import type { Request } from 'express';
import type { DataSource } from 'typeorm';
import type { HubConfig } from '@kim/config';
import { AccessReads, HubQueries } from '@kim/core';
import { ACCESS_READS, DATA_SOURCE, HUB_CONFIG, QUERY_OBSERVER } from './common/tokens.js';
import { formatError } from './common/errors.js';
import { graphqlProtection } from './common/graphql-limits.js';
import { DomainErrorFilter } from './common/domain-error.filter.js';
import { InputBoundsPlugin } from './common/input-bounds.plugin.js';
import { createLoaders } from './common/loaders.js';
import type { GqlContext } from './common/context.js';
import { DatabaseModule } from './database/database.module.js';
import { QueueModule } from './queue/queue.module.js';
import { PrincipalService } from './auth/principal.service.js';
import { AllowGuard } from './auth/allow.guard.js';
import type { FencedRequest } from './auth/tenant-fence.js';
import { MeResolver } from './auth/me.resolver.js';
import { AgenciesResolver, ServicesResolver } from './agencies/agencies.resolver.js';
import { CasesResolver } from './cases/cases.resolver.js';
import { CaseWorkResolver } from './cases/case-work.resolver.js';
import { CaseAccessService } from './cases/case-access.service.js';
import { ReferralsResolver } from './referrals/referrals.resolver.js';
import { CaseConsentsResolver, ConsentsResolver, LegalBasesResolver } from './consents/consents.resolver.js';
import { MessagesResolver } from './messages/messages.resolver.js';
import { QueuesResolver } from './messages/queues.resolver.js';
import { InboundController } from './inbound/inbound.controller.js';
import { InboundRefusals } from './inbound/inbound-refusals.js';
import { AccessReportController } from './reports/access-report.controller.js';
import { DeadlinesResolver } from './deadlines/deadlines.resolver.js';
import { OverridesResolver } from './overrides/overrides.resolver.js';
import { LinkageResolver } from './linkage/linkage.resolver.js';
import { HandoffsResolver } from './handoffs/handoffs.resolver.js';
import { BoardResolver } from './board/board.resolver.js';
import { BoardReportsController } from './board/board-reports.controller.js';
import { HealthModule } from './health/health.module.js';
import { MetricsModule } from './metrics/metrics.module.js';
import { ChangesModule } from './changes/changes.module.js';

/** The gateway: GraphQL for staff and agencies, and the inbound webhook endpoint. */
@Module({})
export class AppModule {
  static forConfig(config: HubConfig, onQuery?: (sql: string) => void): DynamicModule {
    const configModule: DynamicModule = {
      module: class HubConfigModule {},
      global: true,
      providers: [
        { provide: HUB_CONFIG, useValue: config },
        { provide: QUERY_OBSERVER, useValue: onQuery ?? null },
      ],
      exports: [HUB_CONFIG, QUERY_OBSERVER],
    };
    return {
      module: AppModule,
      imports: [
        configModule,
        DiscoveryModule,
        DatabaseModule,
        QueueModule,
        HealthModule,
        MetricsModule,
        ChangesModule,
        AuthContextModule,
        GraphQLModule.forRootAsync<ApolloDriverConfig>({
          driver: ApolloDriver,
          imports: [AuthContextModule],
          inject: [PrincipalService, DATA_SOURCE],
          useFactory: (principals: PrincipalService, ds: DataSource) => ({
            autoSchemaFile: true,
            sortSchema: true,
            path: '/graphql',
            introspection: config.GRAPHQL_INTROSPECTION ?? config.NODE_ENV !== 'production',
            includeStacktraceInErrorResponses: false,
            formatError,
            ...graphqlProtection(),
            context: async ({ req }: { req: Request }): Promise<GqlContext> => {
              // Resolved once by the tenant fence in front of every route.
              const fenced = (req as FencedRequest).principal;
              const principal =
                fenced !== undefined ? fenced : await principals.fromAuthorization(req.headers.authorization);
              const queries = new HubQueries(ds);
              return {
                req,
                principal,
                loaders: createLoaders(queries, ds, principal?.tenantId ?? '00000000-0000-0000-0000-000000000000'),
                traceId:
                  (typeof req.headers['x-request-id'] === 'string' && req.headers['x-request-id'].slice(0, 64)) ||
                  randomUUID(),
              };
            },
          }),
        }),
      ],
      controllers: [InboundController, AccessReportController, BoardReportsController],
      providers: [
        { provide: APP_GUARD, useClass: AllowGuard },
        { provide: APP_FILTER, useClass: DomainErrorFilter },
        { provide: ACCESS_READS, useFactory: (ds: DataSource) => new AccessReads(ds), inject: [DATA_SOURCE] },
        InputBoundsPlugin,
        InboundRefusals,
        CaseAccessService,
        AgenciesResolver,
        ServicesResolver,
        CasesResolver,
        CaseWorkResolver,
        ReferralsResolver,
        ConsentsResolver,
        CaseConsentsResolver,
        LegalBasesResolver,
        MessagesResolver,
        QueuesResolver,
        DeadlinesResolver,
        OverridesResolver,
        LinkageResolver,
        HandoffsResolver,
        BoardResolver,
        MeResolver,
      ],
    };
  }
}

@Module({ providers: [PrincipalService], exports: [PrincipalService] })
export class AuthContextModule {}
