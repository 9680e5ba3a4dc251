import type { NestExpressApplication } from '@nestjs/platform-express';
import type { NextFunction, Request, Response } from 'express';

/**
 * Headers every answer of the gateway carries (OWASP HTTP headers cheat sheet), set by hand:
 * four fixed values, where a header library would bring defaults (a script policy for every
 * answer) that the API's JSON and the queue dashboard would have to switch off again.
 * - no content sniffing: a JSON answer is never run as script or shown as HTML;
 * - never framed (clickjacking of the console), by the old and the new header;
 * - no referrer: URLs hold case ids (/console/cases/<id>, /reports/access/<id>);
 * - no caching: answers carry personal data and depend on the caller. The console's own
 *   static files set their own Cache-Control afterwards (hashed assets are immutable).
 * The console adds its full content security policy on /console (serve-console.ts).
 */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Content-Security-Policy': "frame-ancestors 'none'",
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Cache-Control': 'no-store',
};

export function securityHeaders(app: NestExpressApplication): void {
  // Express announces itself by default; the framework and its version are nobody's business.
  app.disable('x-powered-by');
  app.use((_req: Request, res: Response, next: NextFunction) => {
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) res.setHeader(name, value);
    next();
  });
}
