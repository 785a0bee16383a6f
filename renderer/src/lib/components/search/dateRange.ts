// The date filters' inputs (`<input type="date">`, local calendar days) as the millisecond bounds the
// search takes: a "from" day starts at its local midnight, a "to" day includes the whole day.

/** Local midnight of a `YYYY-MM-DD` day; undefined for an empty or malformed value. */
export function dayStart(value: string): number | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return undefined;
  const time = new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3])).getTime();
  return Number.isFinite(time) ? time : undefined;
}

/** The last millisecond of a `YYYY-MM-DD` day (local time). */
export function dayEnd(value: string): number | undefined {
  const start = dayStart(value);
  if (start === undefined) return undefined;
  const next = new Date(start);
  next.setDate(next.getDate() + 1);
  return next.getTime() - 1;
}

/** The local `YYYY-MM-DD` day a time falls on, for the input's value. */
export function dayString(ms: number): string {
  const d = new Date(ms);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}
