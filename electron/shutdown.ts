// Stopping on Ctrl+C or SIGTERM, whatever is running: the first signal closes the studio in order (jobs
// are put back in the queue, the worker stopped, the database closed); if that has not finished after a
// grace period, or on a second signal, the process exits anyway — a running job never keeps the server
// up (the queue resumes it at the next start). `onExit` runs on every way out (e.g. releasing the lock).
export interface ShutdownOptions {
  readonly graceMs?: number;
  readonly log?: (line: string) => void;
  readonly onExit?: () => void;
}

export function stopOnSignals(stop: () => Promise<void>, options: ShutdownOptions = {}): void {
  const log = options.log ?? ((line: string) => console.log(line));
  const graceMs = options.graceMs ?? 10_000;
  let stopping = false;
  if (options.onExit) process.on('exit', options.onExit);
  const onSignal = (signal: NodeJS.Signals) => {
    if (stopping) {
      log(`${signal} again: stopping now.`);
      process.exit(130);
    }
    stopping = true;
    log('Stopping… (running jobs are saved and resume at the next start; press Ctrl+C again to stop at once)');
    const timer = setTimeout(() => {
      log(`Still stopping after ${Math.round(graceMs / 1000)} s: exiting now (the jobs resume at the next start).`);
      process.exit(1);
    }, graceMs);
    timer.unref();
    stop().then(
      () => process.exit(0),
      (error: unknown) => {
        log(`Stopping failed: ${error instanceof Error ? error.message : String(error)}`);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
}
