/** Injection tokens for values that are not classes. */
export const HUB_CONFIG = Symbol('HUB_CONFIG');
export const DATA_SOURCE = Symbol('DATA_SOURCE');
export const OUTBOX_QUEUE = Symbol('OUTBOX_QUEUE');
/** The linkage queue: match jobs for persons opened at intake. */
export const LINKAGE_QUEUE = Symbol('LINKAGE_QUEUE');
export const QUERY_OBSERVER = Symbol('QUERY_OBSERVER');
/** The access policy's reads (@kim/core AccessReads); a benchmark may build a gateway with another. */
export const ACCESS_READS = Symbol('ACCESS_READS');
/**
 * The data source of the board's and the committee report's reads (BoardQueries,
 * CommitteeReports): a streaming replica when REPLICA_DATABASE_URL is set, else DATA_SOURCE.
 * Nothing consent-relevant may take it (apps/gateway/src/database/replica-routing.int-spec.ts).
 */
export const BOARD_READ_DATA_SOURCE = Symbol('BOARD_READ_DATA_SOURCE');
