// Fault scenarios start and kill real processes and servers; on a busy two-core machine one
// scenario can take longer than the integration tier's 60 s without anything being wrong.
// Their assertions count what happened, never how long it took; this only stops jest from
// giving up on them too early.
import { jest } from '@jest/globals';

jest.setTimeout(240_000);
