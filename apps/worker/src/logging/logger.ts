import { Global, Module, type DynamicModule } from '@nestjs/common';
import pino, { type DestinationStream, type Logger } from 'pino';
import { hubLoggerOptions, stdoutLines, type LogLevel } from '@kim/config';

/** Injection token of the worker's pino logger. */
export const PINO_LOGGER = Symbol('PINO_LOGGER');

/** The worker's pino logger: JSON lines to stdout, or to the given stream (tests). */
export function createWorkerLogger(level: LogLevel, destination?: DestinationStream): Logger {
  const options = hubLoggerOptions('worker', level);
  return pino(options, destination ?? stdoutLines());
}

/** Hands the worker's pino logger to whoever injects PINO_LOGGER. */
@Global()
@Module({})
export class LoggingModule {
  static forRoot(logger: Logger): DynamicModule {
    return { module: LoggingModule, providers: [{ provide: PINO_LOGGER, useValue: logger }], exports: [PINO_LOGGER] };
  }
}
