import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const SCREENSHOTS = path.join(ROOT, 'test-results', 'e2e');

/**
 * The console as the gateway serves it: built by turbo (a cache hit when `npm test` has
 * built it already through the tests' typecheck), so a test never drives a stale build. The e2e
 * project's globalSetup (build-console.mjs) builds it once per jest run; a suite builds it
 * itself only when run without that.
 */
export function buildConsole(): void {
  if (process.env.KIM_E2E_CONSOLE_BUILT !== '1') buildWithTurbo();
  if (!existsSync(path.join(ROOT, 'apps/console/dist/index.html'))) throw new Error('apps/console/dist was not built');
}

function buildWithTurbo(): void {
  execFileSync(
    process.execPath,
    [
      path.join(ROOT, 'node_modules/turbo/bin/turbo'),
      'run',
      'build',
      '--filter=@kim/console',
      '--output-logs=errors-only',
    ],
    { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] },
  );
}

export interface Browser {
  context: BrowserContext;
  page: Page;
  close(): Promise<void>;
}

/** Debian's Chromium, headless, with a fresh profile of its own; nothing is downloaded. */
export async function openBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`no Chromium at ${CHROMIUM}: apt-get install -y chromium (or set CHROMIUM_PATH)`);
  }
  const profile = mkdtempSync(path.join(os.tmpdir(), 'kim-e2e-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    acceptDownloads: true,
    locale: 'de-DE',
    timezoneId: 'Europe/Berlin',
    viewport: { width: 1280, height: 900 },
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
  const page = context.pages()[0] ?? (await context.newPage());
  return {
    context,
    page,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

/** What has the keyboard focus: tag, accessible text and href (evaluated in the page). */
export async function focused(page: Page): Promise<{ tag: string; text: string; href: string | null }> {
  return page.evaluate(`(() => {
    const el = document.activeElement;
    return {
      tag: el ? el.tagName.toLowerCase() : '',
      text: el ? (el.getAttribute('aria-label') || el.textContent || el.getAttribute('id') || '').trim() : '',
      href: el ? el.getAttribute('href') : null,
    };
  })()`);
}

/**
 * The focused element once focus has settled: the console moves focus in an effect after the
 * page renders, so a check right after the heading appears can come a moment too early. Polls
 * until `settled` holds or `timeoutMs` passes, and returns what was focused last either way.
 */
export async function focusAfterNavigation(
  page: Page,
  settled: (f: { tag: string; text: string }) => boolean,
  timeoutMs = 5000,
): Promise<{ tag: string; text: string; href: string | null }> {
  const until = Date.now() + timeoutMs;
  let f = await focused(page);
  while (!settled(f) && Date.now() < until) {
    await new Promise((r) => setTimeout(r, 50));
    f = await focused(page);
  }
  return f;
}

/**
 * Press Tab until the focused element matches, as a keyboard user would; fails when it is
 * not reachable within `max` presses (so an unreachable control fails the test).
 */
export async function tabTo(
  page: Page,
  match: (f: { tag: string; text: string; href: string | null }) => boolean,
  max = 60,
  key: 'Tab' | 'Shift+Tab' = 'Tab',
): Promise<void> {
  const seen: string[] = [];
  for (let i = 0; i < max; i++) {
    await page.keyboard.press(key);
    const f = await focused(page);
    if (match(f)) return;
    seen.push(`${f.tag}:${f.text.slice(0, 30)}`);
  }
  throw new Error(`not reachable with ${key}; focus went through: ${seen.join(' | ')}`);
}
