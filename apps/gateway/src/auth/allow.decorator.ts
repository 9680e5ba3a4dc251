import { SetMetadata } from '@nestjs/common';
import type { Principal } from '@kim/core';

/** Who may call an operation: staff roles by name, or partner agencies. */
export type Caller = 'case-manager' | 'coordinator' | 'operator' | 'tenant-admin' | 'agency';

export const ALLOW_KEY = 'kim:allow';

/** Every query and mutation declares its callers; an operation without one is refused. */
export const Allow = (...callers: Caller[]) => SetMetadata(ALLOW_KEY, callers);

export function callerOf(p: Principal): Caller | null {
  if (p.kind === 'agency') return 'agency';
  if (p.kind === 'staff') return p.role;
  return null;
}
