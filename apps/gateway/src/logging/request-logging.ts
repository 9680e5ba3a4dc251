import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { Logger } from 'pino';
import { requestIdFrom, withTrace } from '@kim/config';

/** Probes and scrapes: answered often, logged never (Terminus reports failing checks itself). */
const QUIET = /^\/(?:health\/|metrics$)/;

/**
 * First middleware of the gateway: every request gets a trace id (the caller's x-request-id
 * when it is a plain token, else a fresh one), answers with it in x-request-id, and is logged
 * once when it completes: method, path without query string (GraphQL GET requests carry
 * variables there), status and duration. Headers and bodies are never logged.
 */
export function requestLogging(logger: Logger): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    const traceId = requestIdFrom(req.headers['x-request-id']);
    // The GraphQL context takes its trace id from this header, and with it the outbox row.
    req.headers['x-request-id'] = traceId;
    res.setHeader('x-request-id', traceId);
    const started = performance.now();
    res.on('finish', () => {
      const path = req.originalUrl.split('?')[0] ?? '/';
      if (QUIET.test(path)) return;
      const status = res.statusCode;
      const level = status >= 500 ? 'error' : status >= 400 ? 'warn' : 'info';
      logger[level](
        { traceId, method: req.method, path, status, durationMs: Math.round(performance.now() - started) },
        'request completed',
      );
    });
    next();
  };
}

/**
 * After the body parser (whose stream events lose async context): everything the request
 * does from here on logs with its trace id.
 */
export function traceContext(): RequestHandler {
  return (req: Request, _res: Response, next: NextFunction) => {
    withTrace(requestIdFrom(req.headers['x-request-id']), next);
  };
}
