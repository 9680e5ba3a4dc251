import { Global, Module, type DynamicModule } from '@nestjs/common';
import type { Logger } from 'pino';
import { GraphqlLoggingPlugin } from './graphql-logging.plugin.js';
import { PINO_LOGGER } from './logger.js';

/** The gateway's pino logger for injection, and the GraphQL operation log. */
@Global()
@Module({})
export class LoggingModule {
  static forRoot(logger: Logger): DynamicModule {
    return {
      module: LoggingModule,
      providers: [{ provide: PINO_LOGGER, useValue: logger }, GraphqlLoggingPlugin],
      exports: [PINO_LOGGER],
    };
  }
}
