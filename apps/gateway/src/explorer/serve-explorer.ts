import { fileURLToPath } from 'node:url';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { NextFunction, Request, Response } from 'express';

export const EXPLORER_PATH = '/graphql/explorer';

/** apps/gateway/explorer, seen from src/explorer (tests) or dist/explorer (production) alike. */
export function explorerDir(): string {
  return fileURLToPath(new URL('../../explorer', import.meta.url));
}

// Only the hub's own files; the page talks to /graphql on the same origin and nowhere else.
export const EXPLORER_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "connect-src 'self'",
  "img-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/**
 * The GraphQL explorer, served from the hub's own files (apps/gateway/explorer) so it works
 * without internet; Apollo's landing page, which loads from a CDN, is off (app.module.ts).
 * A browser opening /graphql (it asks for HTML) is sent to the explorer. The page holds no
 * token: the person enters theirs and it stays in the tab.
 */
export function serveExplorer(app: NestExpressApplication): void {
  app.use('/graphql', (req: Request, res: Response, next: NextFunction) => {
    if (req.method !== 'GET' || req.path !== '/' || req.originalUrl.includes('?')) return next();
    // API clients ask for JSON; only a browser prefers HTML.
    if (req.accepts(['application/json', 'application/graphql-response+json', 'text/html']) !== 'text/html')
      return next();
    res.redirect(302, `${EXPLORER_PATH}/`);
  });
  app.use(EXPLORER_PATH, (req: Request, res: Response, next: NextFunction) => {
    if (req.originalUrl === EXPLORER_PATH) return res.redirect(301, `${EXPLORER_PATH}/`);
    res.setHeader('Content-Security-Policy', EXPLORER_CSP);
    res.setHeader('Cache-Control', 'no-cache');
    next();
  });
  app.useStaticAssets(explorerDir(), {
    prefix: EXPLORER_PATH,
    index: 'index.html',
    redirect: false,
    fallthrough: false,
  });
}
