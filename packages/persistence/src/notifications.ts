import pg from 'pg';

/** Notified (by a statement trigger) whenever a staff user or an agency changes or goes. */
export const PRINCIPALS_CHANNEL = 'kim_principals';

export interface ChangeListener {
  close(): Promise<void>;
}

export interface ListenOptions {
  url: string;
  channel: string;
  applicationName: string;
  /** Something on the channel changed. */
  onChange: () => void;
  /**
   * Whether notifications are arriving. A cache built on them may only be trusted while this is
   * true: whatever changed while the connection was down was never announced.
   */
  onListening: (listening: boolean) => void;
  onError?: (e: Error) => void;
  retryMs?: number;
}

/**
 * One connection of its own that LISTENs on a channel, reconnecting after a loss. It takes no
 * slot from the pool and runs nothing else.
 */
export function listenForChanges(opts: ListenOptions): ChangeListener {
  const retryMs = opts.retryMs ?? 2000;
  let closed = false;
  let current: pg.Client | null = null;
  let timer: NodeJS.Timeout | undefined;

  const connect = async (): Promise<void> => {
    if (closed) return;
    const client = new pg.Client({ connectionString: opts.url, application_name: opts.applicationName });
    current = client;
    const lost = (e?: Error) => {
      if (current !== client) return;
      current = null;
      opts.onListening(false);
      if (e) opts.onError?.(e);
      client.removeAllListeners('notification');
      client.end().catch(() => undefined);
      if (!closed) timer = setTimeout(() => void connect(), retryMs);
    };
    client.on('error', lost);
    client.on('end', () => lost());
    client.on('notification', (n) => {
      if (n.channel === opts.channel) opts.onChange();
    });
    try {
      await client.connect();
      await client.query(`LISTEN "${opts.channel.replace(/"/g, '""')}"`);
      if (current === client && !closed) opts.onListening(true);
    } catch (e) {
      lost(e as Error);
    }
  };
  void connect();

  return {
    async close() {
      closed = true;
      clearTimeout(timer);
      const client = current;
      current = null;
      opts.onListening(false);
      if (client) await client.end().catch(() => undefined);
    },
  };
}
