import pino, { type DestinationStream, type Logger } from 'pino';
import { hubLoggerOptions, stdoutLines, type LogLevel } from '@kim/config';

/** Injection token of the gateway's pino logger. */
export const PINO_LOGGER = Symbol('PINO_LOGGER');

/** The gateway's pino logger: JSON lines to stdout, or to the given stream (tests). */
export function createGatewayLogger(level: LogLevel, destination?: DestinationStream): Logger {
  const options = hubLoggerOptions('gateway', level);
  return pino(options, destination ?? stdoutLines());
}
