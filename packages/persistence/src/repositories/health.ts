import { rows, statement, type Db } from './statement.js';

const ping = statement<{ '?column?': number }, []>('health', 'ping', `SELECT 1`);

/** Whether PostgreSQL answers. */
export const healthRepository = {
  ping: async (db: Db): Promise<void> => {
    await rows(db, ping, []);
  },
};
