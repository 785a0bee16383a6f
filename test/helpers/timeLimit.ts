// A time limit for work that must end: the test fails with "still running after N s" instead of hanging CI.
export function withinSeconds<T>(seconds: number, work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const limit = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`still running after ${seconds} s`)), seconds * 1000)));
  return Promise.race([work, limit]).finally(() => clearTimeout(timer));
}
