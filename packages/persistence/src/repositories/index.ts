/**
 * The repositories: every SQL statement of the hub, one file per aggregate, each statement
 * hand-written and declared with `statement(...)` so the snapshot (packages/persistence/sql)
 * shows it to a reviewer. Add a repository here so the snapshot sees its statements.
 */
export { statement, rows, maybeOne, execute, declaredStatements, snapshotFiles } from './statement.js';
export type { Db, Statement } from './statement.js';
export * from './referrals.js';
export * from './inbound-messages.js';
export * from './agency-identifiers.js';
