import type { Principal } from '@kim/core';
import { NotifiedCache } from '../common/notified-cache.js';

/**
 * Signed-in principals by credential hash, for a short while, dropped on every change the
 * database announces (see NotifiedCache).
 */
export class PrincipalCache extends NotifiedCache<Principal> {
  /**
   * As `resolve`, for a sign-in whose credential expires at `validUntil` (epoch ms; null: never):
   * the entry is kept no longer than the credential is valid, so an expired key is refused on time.
   */
  resolveSignIn(
    hash: string,
    load: () => Promise<{ principal: Principal; validUntil: number | null } | null>,
  ): Promise<Principal | null> {
    return this.resolveUntil(hash, async () => {
      const signIn = await load();
      return signIn && { value: signIn.principal, validUntil: signIn.validUntil };
    });
  }
}
