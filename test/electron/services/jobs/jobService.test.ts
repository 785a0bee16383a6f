// Specification of the job queue: persisted jobs, progress with rate and ETA, cancel, failure, resume.
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
});
