import './common/enums.js';
import { randomUUID } from 'node:crypto';
import { Module, type DynamicModule } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, DiscoveryModule } from '@nestjs/core';
import { GraphQLModule } from '@nestjs/graphql';
import { ApolloDriver, type ApolloDriverConfig } from '@nestjs/apollo';
import type { Request } from 'express';
import type { HubConfig } from '@kim/config';
import { HubQueries } from '@kim/core';
import { HUB_CONFIG, QUERY_OBSERVER } from './common/tokens.js';
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
import { AuthModule } from './auth/auth.module.js';
import { CoreModule } from './core/core.module.js';
import { AgenciesModule } from './agencies/agencies.module.js';
import { CasesModule } from './cases/cases.module.js';
import { ReferralsModule } from './referrals/referrals.module.js';
import { ConsentsModule } from './consents/consents.module.js';
import { MessagesModule } from './messages/messages.module.js';
import { InboundModule } from './inbound/inbound.module.js';
import { ReportsModule } from './reports/reports.module.js';
import { DeadlinesModule } from './deadlines/deadlines.module.js';
import { OverridesModule } from './overrides/overrides.module.js';
import { LinkageModule } from './linkage/linkage.module.js';
import { HandoffsModule } from './handoffs/handoffs.module.js';
import { BoardModule } from './board/board.module.js';
import { HealthModule } from './health/health.module.js';
import { MetricsModule } from './metrics/metrics.module.js';
import { ChangesModule } from './changes/changes.module.js';
import { AdminModule } from './admin/admin.module.js';
import { AchievementsModule } from './achievements/achievements.module.js';
import { TransfersModule } from './transfers/transfers.module.js';

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
        CoreModule,
        QueueModule,
        AuthModule,
        HealthModule,
        MetricsModule,
        // One module per feature folder.
        AgenciesModule,
        CasesModule,
        ReferralsModule,
        ConsentsModule,
        MessagesModule,
        DeadlinesModule,
        OverridesModule,
        LinkageModule,
        HandoffsModule,
        BoardModule,
        ChangesModule,
        AdminModule,
        AchievementsModule,
        TransfersModule,
        InboundModule,
        ReportsModule,
        GraphQLModule.forRootAsync<ApolloDriverConfig>({
          driver: ApolloDriver,
          imports: [AuthModule],
          inject: [PrincipalService, HubQueries],
          useFactory: (principals: PrincipalService, queries: HubQueries) => ({
            autoSchemaFile: true,
            sortSchema: true,
            path: '/graphql',
            introspection: config.GRAPHQL_INTROSPECTION ?? config.NODE_ENV !== 'production',
            // Nest's GraphiQL and Apollo's landing page load from a CDN (blank without internet):
            // off everywhere; the hub serves its own explorer (explorer/serve-explorer.ts).
            graphiql: false,
            includeStacktraceInErrorResponses: false,
            formatError,
            ...graphqlProtection(),
            context: async ({ req }: { req: Request }): Promise<GqlContext> => {
              // Resolved once by the tenant fence in front of every route.
              const fenced = (req as FencedRequest).principal;
              const principal =
                fenced !== undefined ? fenced : await principals.fromAuthorization(req.headers.authorization);
              return {
                req,
                principal,
                loaders: createLoaders(queries, principal?.tenantId ?? '00000000-0000-0000-0000-000000000000'),
                traceId:
                  (typeof req.headers['x-request-id'] === 'string' && req.headers['x-request-id'].slice(0, 64)) ||
                  randomUUID(),
              };
            },
          }),
        }),
      ],
      providers: [
        { provide: APP_GUARD, useClass: AllowGuard },
        { provide: APP_FILTER, useClass: DomainErrorFilter },
        InputBoundsPlugin,
      ],
    };
  }
}
