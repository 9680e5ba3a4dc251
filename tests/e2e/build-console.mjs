// jest globalSetup of the e2e project: the console is built once, before any e2e suite starts.
// With two jest workers, suites building it themselves ran turbo side by side, and a cache hit
// rewrites apps/console/dist while another suite's gateway serves it to Chromium.
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

export default function buildConsoleOnce() {
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
  // Read by buildConsole (tests/e2e/browser.ts) in the workers, which start after this.
  process.env.KIM_E2E_CONSOLE_BUILT = '1';
}
