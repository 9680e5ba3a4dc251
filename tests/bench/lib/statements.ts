import pg from 'pg';

/**
 * Hears every statement a `pg` client in this process sends (TypeORM's pool included), by its
 * text, before it goes: the one tap behind the case list's statement count and the hub
 * processes' census. Returns the function that takes the tap off again.
 */
export function tapStatements(onStatement: (text: string, client: pg.Client) => void): () => void {
  // eslint-disable-next-line jest/unbound-method -- kept to be called with the client as `this`
  const original = pg.Client.prototype.query;
  pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
    const first = args[0];
    onStatement(typeof first === 'string' ? first : ((first as { text?: string } | undefined)?.text ?? '?'), this);
    return (original as (...a: unknown[]) => unknown).apply(this, args);
  } as typeof original;
  return () => {
    pg.Client.prototype.query = original;
  };
}
