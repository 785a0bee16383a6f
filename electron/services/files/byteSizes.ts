// Byte counts as people read them (decimal units, as file managers and the Hub show sizes).

export function formatBytes(bytes: number): string {
  if (bytes < 1000) return `${bytes} B`;
  const units = ['kB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = -1;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit++;
  }
  return `${value.toFixed(value >= 100 ? 0 : 1)} ${units[unit]}`;
}

/** "12.3 MB of 45.6 MB", or "12.3 MB" while the total is unknown. */
export function formatBytesOf(done: number, total: number | null): string {
  return `${formatBytes(done)}${total !== null ? ` of ${formatBytes(total)}` : ''}`;
}
