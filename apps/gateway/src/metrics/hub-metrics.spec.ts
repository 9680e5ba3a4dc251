import type { Queue } from 'bullmq';
import { Registry } from 'prom-client';
import type { DataSource } from 'typeorm';
import type { HubConfig } from '@kim/config';
import type { BoardQueries } from '@kim/core';
import { HubMetrics } from './hub-metrics.js';

describe('GraphQL operation labels', () => {
  // The label logic touches neither the database nor the queue (nor the board's replica).
  const metrics = new HubMetrics(
    new Registry(),
    {} as DataSource,
    {} as Queue,
    { REPLICA_DATABASE_URL: undefined } as HubConfig,
    {} as BoardQueries,
  );

  it('keeps valid names, and marks anonymous and invalid ones', () => {
    expect(metrics.operationLabel('OpenCase')).toBe('OpenCase');
    expect(metrics.operationLabel(undefined)).toBe('(anonymous)');
    expect(metrics.operationLabel('')).toBe('(anonymous)');
    expect(metrics.operationLabel('drop table"')).toBe('(invalid)');
    expect(metrics.operationLabel('x'.repeat(65))).toBe('(invalid)');
  });

  it('bounds the number of distinct names a client can create', () => {
    for (let i = 0; i < 300; i++) metrics.operationLabel(`Op${i}`);
    expect(metrics.operationLabel('Op5')).toBe('Op5');
    expect(metrics.operationLabel('Op299')).toBe('(other)');
    expect(metrics.operationLabel('OpenCase')).toBe('OpenCase');
  });
});
