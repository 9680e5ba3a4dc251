import type { Principal } from '@kim/core';

/**
 * Signed-in principals by credential hash, for a short while. Trusted only while change
 * notifications arrive: `invalidate` on every notification, `setTrusted(false)` when the
 * listening connection is lost (a change in that gap was never announced). A lookup that was
 * under way when something changed is not stored: it may have read the old row.
 */
export class PrincipalCache {
  private readonly entries = new Map<string, { principal: Principal; expires: number }>();
  private generation = 0;
  private trusted = false;

  constructor(
    private readonly ttlMs: number,
    private readonly maxEntries = 10_000,
    private readonly now: () => number = Date.now,
  ) {}

  get size(): number {
    return this.entries.size;
  }

  invalidate(): void {
    this.generation += 1;
    this.entries.clear();
  }

  setTrusted(trusted: boolean): void {
    this.invalidate();
    this.trusted = trusted;
  }

  async resolve(hash: string, load: () => Promise<Principal | null>): Promise<Principal | null> {
    return this.resolveSignIn(hash, async () => {
      const principal = await load();
      return principal ? { principal, validUntil: null } : null;
    });
  }

  /**
   * As `resolve`, for a sign-in whose credential expires at `validUntil` (epoch ms; null: never):
   * the entry is kept no longer than the credential is valid, so an expired key is refused on time.
   */
  async resolveSignIn(
    hash: string,
    load: () => Promise<{ principal: Principal; validUntil: number | null } | null>,
  ): Promise<Principal | null> {
    const usable = this.trusted && this.ttlMs > 0;
    if (usable) {
      const hit = this.entries.get(hash);
      if (hit && hit.expires > this.now()) return hit.principal;
      if (hit) this.entries.delete(hash);
    }
    const generation = this.generation;
    const signIn = await load();
    if (!signIn) return null;
    const { principal, validUntil } = signIn;
    if (usable && this.trusted && generation === this.generation) {
      // Oldest first out: a Map iterates in insertion order.
      if (this.entries.size >= this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
      const expires = Math.min(this.now() + this.ttlMs, validUntil ?? Infinity);
      this.entries.set(hash, { principal: Object.freeze(principal), expires });
    }
    return principal;
  }
}
