// Specification of the job queue: persisted jobs, progress with rate and ETA, cancel, failure, resume —
// and a queue that no runner can hold up: a cancelled job ends within a second whatever its runner waits
// on, a job that does not stop at close is not resumed, and one that keeps stopping the studio is failed.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { openDatabase } from '../../../../db/open.ts';
import type { JobInfo } from '../../../../electron/api/jobs.ts';
import { EventBus } from '../../../../electron/services/eventBus.ts';
import { JobService, type JobContext } from '../../../../electron/services/jobs/jobService.ts';
import { tempDir } from '../../../helpers/tempDir.ts';

function setup(file: string) {
  const db = openDatabase(file);
  const bus = new EventBus();
  const jobs = new JobService(db, bus);
  const events: JobInfo[] = [];
  bus.on('jobs.progress', (job) => events.push(job));
  return { db, bus, jobs, events };
}

/** A runner that counts to `total`, one item per tick, and honours cancel. */
function counting(total: number, tickMs: number) {
  return async (_params: unknown, context: JobContext) => {
    for (let done = 1; done <= total; done++) {
      await context.checkpoint();
      if (context.signal.aborted) return { stoppedAt: done - 1 };
      await sleep(tickMs);
      context.report({ done, failed: 0, total, detail: `item ${done}` });
    }
    return { counted: total };
  };
}

describe('job queue', () => {
  test('runs a job to the end, saving its result and announcing progress with a rate and an ETA', async (t) => {
    const { db, jobs, events } = setup(join(tempDir(t), 'a.db'));
    t.after(() => db.close());
    jobs.register('count', counting(30, 15));
    const id = jobs.enqueue('count', 'Counting', {});
    const finished = await jobs.wait(id);
    assert.equal(finished.state, 'done');
    assert.deepEqual(finished.result, { counted: 30 });
    assert.equal(finished.done, 30);
    const running = events.filter((e) => e.state === 'running');
    assert.ok(running.length >= 2, 'progress is announced while running');
    assert.ok(running.length < 30, 'progress events are throttled');
    const withRate = running.find((e) => e.rate !== null && e.etaSeconds !== null);
    assert.ok(withRate, 'a rate and an ETA appear once measurable');
    assert.ok(withRate.rate! > 10 && withRate.rate! < 200, `rate ${withRate.rate}`);
    assert.equal(events.at(-1)!.state, 'done');
  });

  test('runs jobs of one kind one after another, in order', async (t) => {
    const { db, jobs } = setup(join(tempDir(t), 'a.db'));
    t.after(() => db.close());
    const order: string[] = [];
    jobs.register('log', async (params) => {
      order.push(`start ${(params as { n: number }).n}`);
      await sleep(10);
      order.push(`end ${(params as { n: number }).n}`);
    });
    const a = jobs.enqueue('log', 'A', { n: 1 });
    const b = jobs.enqueue('log', 'B', { n: 2 });
    await jobs.wait(b);
    assert.equal(jobs.get(a)!.state, 'done');
    assert.deepEqual(order, ['start 1', 'end 1', 'start 2', 'end 2']);
  });

  test('cancels a running job and a queued one', async (t) => {
    const { db, jobs } = setup(join(tempDir(t), 'a.db'));
    t.after(() => db.close());
    jobs.register('count', counting(1000, 5));
    const running = jobs.enqueue('count', 'Long', {});
    const queued = jobs.enqueue('count', 'Waiting', {});
    await sleep(50);
    assert.equal(jobs.cancel(queued), true);
    assert.equal(jobs.get(queued)!.state, 'cancelled');
    assert.equal(jobs.cancel(running), true);
    const stopped = await jobs.wait(running);
    assert.equal(stopped.state, 'cancelled');
    assert.ok(stopped.done > 0 && stopped.done < 1000);
  });

  test('pauses at the next checkpoint and resumes where it stopped', async (t) => {
    const { db, jobs } = setup(join(tempDir(t), 'a.db'));
    t.after(() => db.close());
    jobs.register('count', counting(40, 5));
    const id = jobs.enqueue('count', 'Long', {});
    await sleep(60);
    assert.equal(jobs.pause(id), true);
    await sleep(30);
    const atPause = jobs.get(id)!;
    assert.equal(atPause.state, 'paused');
    await sleep(100);
    assert.equal(jobs.get(id)!.done, atPause.done, 'no progress while paused');
    assert.equal(jobs.resume(id), true);
    const finished = await jobs.wait(id);
    assert.equal(finished.state, 'done');
    assert.equal(finished.done, 40);
  });

  test('a runner that throws fails its job with the message; the queue goes on', async (t) => {
    const { db, jobs } = setup(join(tempDir(t), 'a.db'));
    t.after(() => db.close());
    jobs.register('boom', async () => {
      throw new Error('the disk went away');
    });
    jobs.register('count', counting(2, 1));
    const failed = jobs.enqueue('boom', 'Boom', {});
    const after = jobs.enqueue('count', 'After', {});
    assert.equal((await jobs.wait(failed)).error, 'the disk went away');
    assert.equal((await jobs.wait(after)).state, 'done');
  });

  test('a job interrupted by shutdown is resumed at the next start', async (t) => {
    const file = join(tempDir(t), 'a.db');
    const first = setup(file);
    first.jobs.register('count', counting(1000, 5));
    const id = first.jobs.enqueue('count', 'Long', { n: 1 });
    const queued = first.jobs.enqueue('count', 'Next', { n: 2 });
    await sleep(40);
    await first.jobs.close();
    first.db.close();

    const second = setup(file);
    t.after(() => second.db.close());
    const seen: unknown[] = [];
    second.jobs.register('count', async (params) => {
      seen.push(params);
      return 'resumed';
    });
    assert.deepEqual(second.jobs.resumeUnfinished(), [id, queued]);
    assert.equal((await second.jobs.wait(queued)).state, 'done');
    assert.deepEqual(seen, [{ n: 1 }, { n: 2 }]);
  });

  test('cancel ends a job within a second even when its runner never returns; the next job of its kind runs', async (t) => {
    const { db, jobs } = setup(join(tempDir(t), 'a.db'));
    t.after(() => db.close());
    let calls = 0;
    jobs.register('stuck', async (_params, context) => {
      if (++calls === 1) {
        context.report({ done: 0, failed: 0, total: 10, detail: 'waiting on a dead disk' });
        return new Promise(() => {}); // a hung file system call: never settles, ignores the signal
      }
      return 'second ran';
    });
    jobs.register('count', counting(2, 1));
    const stuck = jobs.enqueue('stuck', 'Stuck', {});
    const next = jobs.enqueue('stuck', 'Next', {});
    await sleep(50);
    assert.equal(jobs.get(stuck)!.state, 'running');
    assert.equal(jobs.get(next)!.state, 'queued', 'the next one waits behind it');
    const asked = performance.now();
    assert.equal(jobs.cancel(stuck), true);
    const ended = await jobs.wait(stuck);
    const took = performance.now() - asked;
    assert.equal(ended.state, 'cancelled');
    assert.ok(took < 1000, `cancelled after ${took.toFixed(0)} ms`);
    const after = await jobs.wait(next);
    assert.equal(after.state, 'done');
    assert.equal(after.result, 'second ran');
  });

  test('cancel ends a paused job at once, and a runner that stops on the signal keeps its own result', async (t) => {
    const { db, jobs } = setup(join(tempDir(t), 'a.db'));
    t.after(() => db.close());
    jobs.register('count', counting(1000, 5));
    const id = jobs.enqueue('count', 'Long', {});
    await sleep(40);
    jobs.pause(id);
    await sleep(30);
    assert.equal(jobs.get(id)!.state, 'paused');
    jobs.cancel(id);
    const ended = await jobs.wait(id);
    assert.equal(ended.state, 'cancelled');
    assert.ok((ended.result as { stoppedAt: number }).stoppedAt > 0, 'the runner stopped in time and its result is kept');
  });

  test('a cancelled or failed job is not resumed at the next start', async (t) => {
    const file = join(tempDir(t), 'a.db');
    const first = setup(file);
    first.jobs.register('stuck', () => new Promise(() => {}));
    first.jobs.register('boom', async () => {
      throw new Error('no space left on the device (ENOSPC)');
    });
    const cancelled = first.jobs.enqueue('stuck', 'Stuck', {});
    const failed = first.jobs.enqueue('boom', 'Boom', {});
    await sleep(30);
    first.jobs.cancel(cancelled);
    await first.jobs.wait(cancelled);
    await first.jobs.wait(failed);
    await first.jobs.close();
    first.db.close();

    const second = setup(file);
    t.after(() => second.db.close());
    second.jobs.register('stuck', async () => 'ran again');
    second.jobs.register('boom', async () => 'ran again');
    assert.deepEqual(second.jobs.resumeUnfinished(), []);
    assert.equal(second.jobs.get(cancelled)!.state, 'cancelled');
    assert.equal(second.jobs.get(failed)!.state, 'failed');
  });

  test('a job that does not stop when the studio closes is failed with the reason, not resumed to hang again', async (t) => {
    const file = join(tempDir(t), 'a.db');
    const db = openDatabase(file);
    const jobs = new JobService(db, new EventBus(), Date.now, { closeGraceMs: 200 });
    jobs.register('stuck', () => new Promise(() => {}));
    jobs.register('count', counting(1000, 5));
    const stuck = jobs.enqueue('stuck', 'Stuck', {});
    const polite = jobs.enqueue('count', 'Polite', {});
    await sleep(40);
    const asked = performance.now();
    await jobs.close();
    assert.ok(performance.now() - asked < 1000, 'close does not wait on the stuck runner');
    db.close();

    const second = setup(file);
    t.after(() => second.db.close());
    second.jobs.register('stuck', async () => 'ran again');
    second.jobs.register('count', async () => 'resumed');
    assert.deepEqual(second.jobs.resumeUnfinished(), [polite], 'the job that stopped when asked is resumed');
    const failed = second.jobs.get(stuck)!;
    assert.equal(failed.state, 'failed');
    assert.match(failed.error ?? '', /did not stop when the studio closed/);
  });

  test('a job the studio stopped five times without progress is failed at start instead of resumed', async (t) => {
    const file = join(tempDir(t), 'a.db');
    let id = 0;
    // Each round imitates a crash: the job starts, makes no progress, and the process dies (no close()).
    for (let round = 1; round <= 6; round++) {
      const { db, jobs } = setup(file);
      jobs.register('crashy', () => new Promise(() => {}));
      if (round === 1) id = jobs.enqueue('crashy', 'Crashes the studio', {});
      else {
        const resumed = jobs.resumeUnfinished();
        if (round <= 5) assert.deepEqual(resumed, [id], `resumed after crash ${round - 1}`);
        else {
          assert.deepEqual(resumed, [], 'not resumed after the fifth crash');
          const job = jobs.get(id)!;
          assert.equal(job.state, 'failed');
          assert.match(job.error ?? '', /stopped 5 times while this job ran, with no progress/);
        }
      }
      await sleep(20);
      db.close();
    }
  });

  test('progress between crashes keeps a job resumable', async (t) => {
    const file = join(tempDir(t), 'a.db');
    let id = 0;
    for (let round = 1; round <= 8; round++) {
      const { db, jobs } = setup(file);
      jobs.register('slow', async (_params, context) => {
        context.report({ done: round, failed: 0, total: 100 });
        return new Promise(() => {});
      });
      if (round === 1) id = jobs.enqueue('slow', 'Slow but moving', {});
      else assert.deepEqual(jobs.resumeUnfinished(), [id], `resumed after crash ${round - 1}`);
      await sleep(20);
      db.close();
    }
  });
});
