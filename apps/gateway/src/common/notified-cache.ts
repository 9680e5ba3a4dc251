/**
 * Values looked up in the database, kept for a short while and trusted only while change
 * notifications arrive: `invalidate` on every notification, `setTrusted(false)` when the
 * listening connection is lost (a change in that gap was never announced). A lookup that was
 * under way when something changed is not stored: it may have read the old row. Nothing is kept
 * for a lookup that found nothing (a row inserted later must be found at once).
 */
export class NotifiedCache<V extends object> {
  private readonly entries = new Map<string, { value: V; expires: number }>();
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

  /** Drop one key, so that the next `resolve` looks it up again. */
  forget(key: string): void {
    this.entries.delete(key);
  }

  async resolve(key: string, load: () => Promise<V | null>): Promise<V | null> {
    return this.resolveUntil(key, async () => {
      const value = await load();
      return value ? { value, validUntil: null } : null;
    });
  }

  /**
   * As `resolve`, for a value that stops being valid at `validUntil` (epoch ms; null: never): the
   * entry is kept no longer than that, so an expired credential is refused on time.
   */
  async resolveUntil(
    key: string,
    load: () => Promise<{ value: V; validUntil: number | null } | null>,
  ): Promise<V | null> {
    const usable = this.trusted && this.ttlMs > 0;
    if (usable) {
      const hit = this.entries.get(key);
      if (hit && hit.expires > this.now()) return hit.value;
      if (hit) this.entries.delete(key);
    }
    const generation = this.generation;
    const found = await load();
    if (!found) return null;
    const { value, validUntil } = found;
    if (usable && this.trusted && generation === this.generation) {
      // Oldest first out: a Map iterates in insertion order.
      if (this.entries.size >= this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
      const expires = Math.min(this.now() + this.ttlMs, validUntil ?? Infinity);
      this.entries.set(key, { value: Object.freeze(value), expires });
    }
    return value;
  }
}
