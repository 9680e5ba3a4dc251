/** Poll a condition until it holds (never a fixed sleep); fails with the last error. */
export async function expectEventually<T>(
  check: () => Promise<T> | T,
  { timeoutMs = 15000, intervalMs = 50 } = {},
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      return await check();
    } catch (e) {
      lastError = e;
    }
    if (Date.now() > deadline) throw lastError;
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}
