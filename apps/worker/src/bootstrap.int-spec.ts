import { randomBytes } from 'node:crypto';
import { jest } from '@jest/globals';
import { loadConfig } from '@kim/config';
import { TEST_DATABASE_URL } from '@kim/test-support/db';
import { createWorkerApp } from './bootstrap.js';

/**
 * A worker that cannot start says so by rejecting; it never ends the process it runs in. Tests
 * start workers in-process (the logging suite, the outbox suites): a process.exit there would
 * end the whole jest run, every other suite with it.
 */
describe('a worker that cannot start', () => {
  it('rejects with the cause and leaves the process running', async () => {
    const missing = `kim_no_such_db_${randomBytes(4).toString('hex')}`;
    const url = new URL(TEST_DATABASE_URL);
    url.pathname = `/${missing}`;
    const config = loadConfig({
      NODE_ENV: 'test',
      DATABASE_URL: url.toString(),
      REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
      QUEUE_PREFIX: `t_noexit_${randomBytes(4).toString('hex')}`,
    });
    // Stand in for the real exit and abort (Nest's default on a failed start is one of them): if
    // anything calls them, the start fails with this marker instead of ending the test run.
    const exit = jest.spyOn(process, 'exit').mockImplementation((code) => {
      throw new Error(`process.exit(${String(code)}) was called`);
    });
    const abort = jest.spyOn(process, 'abort').mockImplementation(() => {
      throw new Error('process.abort() was called');
    });
    try {
      await expect(createWorkerApp(config, false)).rejects.toThrow(`database "${missing}" does not exist`);
      expect(exit).not.toHaveBeenCalled();
      expect(abort).not.toHaveBeenCalled();
    } finally {
      exit.mockRestore();
      abort.mockRestore();
    }
  });
});
