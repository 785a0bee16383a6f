// Runs an async function over a list a few items at a time, results in the list's order. Workers take
// items in order and each call starts synchronously, so whatever `fn` does before its first await (e.g.
// reserving a name) happens in list order whatever the timing. After the first failure no new item
// starts, and the call rejects with that error only once the items already running have settled — so
// nothing is still writing when the caller cleans up.
export async function mapConcurrently<T, R>(items: readonly T[], concurrency: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  let failure: { error: unknown } | null = null;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, items.length) }, async () => {
      while (next < items.length && failure === null) {
        const index = next++;
        try {
          results[index] = await fn(items[index]!);
        } catch (error) {
          failure ??= { error };
        }
      }
    }),
  );
  if (failure !== null) throw (failure as { error: unknown }).error;
  return results;
}
