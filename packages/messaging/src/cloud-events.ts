import { randomUUID } from 'node:crypto';
import type { CloudEvent, EventType } from '@kim/contracts';

export interface EventInit<T> {
  id?: string;
  type: EventType;
  source: string;
  subject?: string;
  tenantId?: string;
  traceId?: string;
  time?: Date;
  data: T;
}

/** A CloudEvents 1.0 structured-mode event (JSON). */
export function buildCloudEvent<T>(init: EventInit<T>): CloudEvent<T> {
  return {
    specversion: '1.0',
    id: init.id ?? randomUUID(),
    source: init.source,
    type: init.type,
    time: (init.time ?? new Date()).toISOString(),
    datacontenttype: 'application/json',
    ...(init.subject ? { subject: init.subject } : {}),
    ...(init.tenantId ? { tenantid: init.tenantId } : {}),
    ...(init.traceId ? { traceparent: init.traceId } : {}),
    data: init.data,
  };
}
