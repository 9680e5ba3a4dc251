/** Injection tokens for values that are not classes. */
export const HUB_CONFIG = Symbol('HUB_CONFIG');
export const DATA_SOURCE = Symbol('DATA_SOURCE');
export const OUTBOX_QUEUE = Symbol('OUTBOX_QUEUE');
export const QUERY_OBSERVER = Symbol('QUERY_OBSERVER');
