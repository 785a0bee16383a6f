// Web mode as a process, as a person starts and stops it: a second start on the same data folder is
// refused with where the first one runs (it would otherwise run beside it and never see its changes);
// SIGTERM stops the server within seconds even while a job is busy (a slow model download here), the
// job is kept for the next start and the lock is released; a lock left by a killed studio does not
// block the next start.
import assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test, type TestContext } from 'node:test';
import WebSocket from 'ws';
import { openDatabase } from '../../db/open.ts';
import { lockFileName } from '../../electron/instanceLock.ts';
import { packageRoot, rendererBuildDir } from '../../electron/packageRoot.ts';
import { randomBytesFor, startFakeHub } from '../helpers/fakeHub.ts';
import { tempDir } from '../helpers/tempDir.ts';

const webEntry = join(packageRoot, 'electron', 'web.ts');

interface Running {
  readonly child: ChildProcess;
  readonly url: string;
  output(): string;
  exited: Promise<{ code: number | null; ms: number }>;
}

function ensureRenderer(): void {
  if (existsSync(join(rendererBuildDir, 'index.html'))) return;
  assert.equal(spawnSync('npm', ['run', 'build:renderer'], { cwd: packageRoot, stdio: 'inherit' }).status, 0);
}

function start(t: TestContext, dataDir: string, env: Record<string, string> = {}): Promise<Running> {
  const child = spawn(process.execPath, [webEntry, '--no-open', '--data-dir', dataDir], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  let signalledAt = 0;
  const exited = new Promise<{ code: number | null; ms: number }>((resolve) => child.on('exit', (code) => resolve({ code, ms: signalledAt ? Date.now() - signalledAt : 0 })));
  const originalKill = child.kill.bind(child);
  child.kill = (signal?: NodeJS.Signals | number) => {
    signalledAt ||= Date.now();
    return originalKill(signal);
  };
  t.after(() => {
    if (child.exitCode === null) originalKill('SIGKILL');
  });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`web mode did not start: ${out}`)), 30_000);
    const check = () => {
      const match = /Open:\s+(http:\/\/\S+)/.exec(out);
      if (match) {
        clearTimeout(timer);
        resolve({ child, url: match[1]!, output: () => out, exited });
      }
    };
    child.stdout!.on('data', check);
    child.on('exit', () => {
      clearTimeout(timer);
      reject(new Error(`web mode exited: ${out}`));
    });
  });
}

function call(url: string, method: string, params: unknown): Promise<{ ok: boolean; result?: unknown; error?: { message: string } }> {
  const api = new URL(url);
  const ws = new WebSocket(`ws://${api.host}/api?token=${api.searchParams.get('token')}`);
  return new Promise((resolve, reject) => {
    ws.once('error', reject);
    ws.once('open', () => ws.send(JSON.stringify({ id: 1, method, params })));
    ws.on('message', (data) => {
      const reply = JSON.parse(data.toString()) as { id?: number; ok: boolean };
      if (reply.id !== 1) return;
      ws.close();
      resolve(reply as { ok: boolean });
    });
  });
}

describe('web mode as a process', () => {
  test('a second start on the same data folder is refused with where the first one runs', async (t) => {
    ensureRenderer();
    const dataDir = join(tempDir(t), 'data');
    const first = await start(t, dataDir);
    const second = spawnSync(process.execPath, [webEntry, '--no-open', '--data-dir', dataDir], { encoding: 'utf8', timeout: 30_000 });
    assert.equal(second.status, 1, second.stderr);
    const port = new URL(first.url).port;
    assert.match(second.stderr, new RegExp(`Prismer Studio is already running on ${dataDir} in web mode at http://127\\.0\\.0\\.1:${port}/ \\(process ${first.child.pid}\\)`));
    assert.match(second.stderr, /Open:\s+http:\/\/127\.0\.0\.1:\d+\/\?token=/, 'the link to the running one');
    first.child.kill('SIGTERM');
    assert.equal((await first.exited).code, 0);
    assert.equal(existsSync(join(dataDir, lockFileName)), false, 'the lock is released');
  });

  test('SIGTERM stops it within seconds while a download job is busy; the job resumes at the next start', async (t) => {
    ensureRenderer();
    const hub = await startFakeHub(t);
    // 4 MB sent 1 kB every 50 ms: the download would take minutes.
    hub.add({ repo: 'onnx-community/depth-anything-v2-small', file: 'onnx/model.onnx', bytes: randomBytesFor(4 << 20, 5), chunkSize: 1024, delayMs: 50 });
    const dataDir = join(tempDir(t), 'data');
    const env = { PRISMER_STUDIO_HUB_URL: hub.url };
    const studio = await start(t, dataDir, env);
    const started = await call(studio.url, 'models.install', { id: 'depth-anything-v2-small' });
    assert.equal(started.ok, true, JSON.stringify(started));
    const deadline = Date.now() + 20_000;
    while (!hub.downloads.some((r) => r.bytesSent > 0) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    studio.child.kill('SIGTERM');
    const { code, ms } = await studio.exited;
    assert.equal(code, 0, studio.output());
    assert.ok(ms < 8000, `stopped after ${ms} ms`);
    assert.match(studio.output(), /Stopping…/);
    assert.equal(existsSync(join(dataDir, lockFileName)), false);
    const db = openDatabase(join(dataDir, 'library.db'));
    const job = db.prepare(`SELECT state FROM jobs WHERE kind = 'model-install'`).get() as { state: string };
    db.close();
    assert.equal(job.state, 'queued', 'the download is kept for the next start');

    // A studio killed outright leaves its lock; the next start takes it over.
    const again = await start(t, dataDir, env);
    again.child.kill('SIGKILL');
    await again.exited;
    assert.ok(existsSync(join(dataDir, lockFileName)), 'a killed studio leaves its lock');
    const third = await start(t, dataDir, env);
    third.child.kill('SIGINT');
    third.child.kill('SIGINT');
    const stopped = await third.exited;
    assert.ok(stopped.code === 0 || stopped.code === 130, `exit ${stopped.code}`);
    assert.ok(stopped.ms < 5000, `a second Ctrl+C stops at once (${stopped.ms} ms)`);
  });
});
