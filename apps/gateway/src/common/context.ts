import type DataLoader from 'dataloader';
import type { Request } from 'express';
import type { Principal } from '@kim/core';
import type { Loaders } from './loaders.js';

/** Per-request GraphQL context: who is calling, fresh DataLoaders, and a trace id. */
export interface GqlContext {
  req: Request;
  principal: Principal | null;
  loaders: Loaders;
  traceId: string;
}

export type Loader<V> = DataLoader<string, V>;
