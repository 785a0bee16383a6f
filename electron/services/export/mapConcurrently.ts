// Runs an async function over a list a few items at a time, results in the list's order. Workers take
// items in order and each call starts synchronously, so whatever `fn` does before its first await (e.g.
// reserving a name) happens in list order whatever the timing.
export async function mapConcurrently<T, R>(items: readonly T[], concurrency: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, items.length) }, async () => {
      while (next < items.length) {
        const index = next++;
        results[index] = await fn(items[index]!);
      }
    }),
  );
  return results;
}
