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
    const usable = this.trusted && this.ttlMs > 0;
    if (usable) {
      const hit = this.entries.get(hash);
      if (hit && hit.expires > this.now()) return hit.principal;
      if (hit) this.entries.delete(hash);
    }
    const generation = this.generation;
    const principal = await load();
    if (principal && usable && this.trusted && generation === this.generation) {
      // Oldest first out: a Map iterates in insertion order.
      if (this.entries.size >= this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
      this.entries.set(hash, { principal: Object.freeze(principal), expires: this.now() + this.ttlMs });
    }
    return principal;
  }
}
