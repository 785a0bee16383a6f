// Specification of the Hub downloader against a stand-in Hub on 127.0.0.1: metadata from a HEAD that does
// not follow the CDN redirect, streaming to .part, resume with Range, integrity, cancel, disk space, and a
// clear sentence for each way a download fails. No test touches the network.
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { createServer, request as httpRequest } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import { join } from 'node:path';
import { describe, test, type TestContext } from 'node:test';
import { DownloadError, HubDownloader, hubFileUrl, networkFailure, type DownloadProgress } from '../../../../electron/services/models/downloader.ts';
import { closedPort, fakeCommit, randomBytesFor, sha256, startFakeHub, type FakeHub } from '../../../helpers/fakeHub.ts';
import { tempDir } from '../../../helpers/tempDir.ts';

const repo = 'someone/tiny-model';
const file = { repo, file: 'onnx/model.onnx', revision: 'main' };

async function setup(t: TestContext, bytes = randomBytesFor(200_000)) {
  const hub = await startFakeHub(t);
  const dir = tempDir(t);
  const target = join(dir, 'models', 'tiny', 'model.onnx');
  const downloader = new HubDownloader({ baseUrl: hub.url, env: {}, retryDelayMs: 5, progressIntervalMs: 0 });
  return { hub, dir, target, bytes, downloader };
}

async function rejects(promise: Promise<unknown>, code: DownloadError['code'], message: RegExp): Promise<DownloadError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof DownloadError, `a DownloadError, got ${String(error)}`);
    assert.equal(error.code, code, error.message);
    assert.match(error.message, message);
    return error;
  }
  assert.fail('expected the download to fail');
}

function hubRequests(hub: FakeHub) {
  return hub.requests.map((r) => `${r.method} ${r.path.startsWith('/cdn/') ? '/cdn' : r.path}${r.range ? ` ${r.range}` : ''} → ${r.status}`);
}

describe('Hub downloader', () => {
  test('builds the resolve URL huggingface_hub uses', () => {
    assert.equal(hubFileUrl('https://huggingface.co/', file), 'https://huggingface.co/someone/tiny-model/resolve/main/onnx/model.onnx');
    assert.equal(hubFileUrl('http://h', { repo: 'a/b', file: 'x y.onnx', revision: 'v1.0' }), 'http://h/a/b/resolve/v1.0/x%20y.onnx');
  });

  test('downloads a file: HEAD reads X-Linked-Etag/Size without following the redirect, GET streams to .part, the hash is checked, the file renamed into place', async (t) => {
    const { hub, target, bytes, downloader } = await setup(t);
    hub.add({ ...file, bytes });
    const progress: DownloadProgress[] = [];
    const result = await downloader.download(file, { target, onProgress: (p) => progress.push(p) });
    assert.deepEqual(readFileSync(target), bytes);
    assert.equal(existsSync(`${target}.part`), false);
    assert.equal(result.size, bytes.length);
    assert.equal(result.sha256, sha256(bytes));
    assert.equal(result.checkedAgainst, 'the Hub (X-Linked-Etag)');
    assert.equal(result.commit, fakeCommit);
    assert.equal(result.resumedFrom, 0);
    assert.equal(result.transferred, bytes.length);
    assert.deepEqual(hubRequests(hub), [
      'HEAD /someone/tiny-model/resolve/main/onnx/model.onnx → 302',
      'GET /someone/tiny-model/resolve/main/onnx/model.onnx → 302',
      'GET /cdn → 200',
    ]);
    assert.ok(progress.length >= 2);
    assert.ok(progress.every((p, i) => p.total === bytes.length && (i === 0 || p.done >= progress[i - 1]!.done)), 'progress only grows');
    assert.equal(progress.at(-1)!.done, bytes.length);
  });

  test('a connection dropped mid-file is resumed with Range: only the rest is transferred', async (t) => {
    const { hub, target, bytes, downloader } = await setup(t);
    hub.add({ ...file, bytes, dropAfter: 70_000 });
    const result = await downloader.download(file, { target });
    assert.equal(result.sha256, sha256(bytes));
    assert.deepEqual(readFileSync(target), bytes);
    const [first, second, ...more] = hub.downloads;
    assert.deepEqual(more, []);
    assert.equal(first!.range, null);
    assert.equal(first!.bytesSent, 70_000);
    assert.equal(second!.range, 'bytes=70000-', 'the retry asks for the rest');
    assert.equal(second!.status, 206);
    assert.equal(second!.bytesSent, bytes.length - 70_000, 'only the rest was sent again');
    assert.equal(result.transferred, bytes.length, 'no byte was received twice');
  });

  test('a .part left by an earlier run is resumed; a server that answers 200 to Range makes it start over', async (t) => {
    const { hub, target, bytes, downloader } = await setup(t);
    hub.add({ ...file, bytes });
    mkdirSync(join(target, '..'), { recursive: true });
    writeFileSync(`${target}.part`, bytes.subarray(0, 50_000));
    const resumed = await downloader.download(file, { target });
    assert.equal(resumed.resumedFrom, 50_000);
    assert.equal(resumed.transferred, bytes.length - 50_000);
    assert.equal(hub.downloads[0]!.range, 'bytes=50000-');
    assert.equal(resumed.sha256, sha256(bytes), 'the whole file is hashed, the kept part included');

    const other = join(target, '..', 'other.onnx');
    hub.add({ ...file, file: 'other.onnx', bytes, ignoreRange: true });
    writeFileSync(`${other}.part`, Buffer.from('stale bytes from somewhere else'));
    const restarted = await downloader.download({ ...file, file: 'other.onnx' }, { target: other });
    assert.equal(restarted.resumedFrom, 0);
    assert.equal(hub.downloads.at(-1)!.status, 200);
    assert.deepEqual(readFileSync(other), bytes);
  });

  test('a file whose bytes do not match its sha256 is refused and the partial download removed', async (t) => {
    const { hub, target, bytes, downloader } = await setup(t);
    const corrupt = Buffer.from(bytes);
    corrupt[1234] = corrupt[1234]! ^ 0xff;
    hub.add({ ...file, bytes, served: corrupt });
    await rejects(downloader.download(file, { target }), 'integrity', /does not match the Hub \(X-Linked-Etag\): its sha256 is [0-9a-f]{64} instead of [0-9a-f]{64}\. The partial file was removed/);
    assert.equal(existsSync(`${target}.part`), false);
    assert.equal(existsSync(target), false);
  });

  test('a known sha256 (the catalog\'s) wins over the Hub\'s, and a Hub file that differs is refused before downloading', async (t) => {
    const { hub, target, bytes, downloader } = await setup(t);
    hub.add({ ...file, bytes });
    await rejects(
      downloader.download(file, { target, expected: { sha256: 'a'.repeat(64), source: 'the catalog' } }),
      'integrity',
      /has sha256 [0-9a-f]{64} on the Hub, but the catalog expects a{64}: the file has changed since\. Nothing was downloaded\./,
    );
    assert.equal(hub.downloads.length, 0);
    const ok = await downloader.download(file, { target, expected: { sha256: sha256(bytes), source: 'the catalog' } });
    assert.equal(ok.checkedAgainst, 'the catalog');
  });

  test('a small git file (no LFS) is checked against its git blob SHA-1', async (t) => {
    const { hub, dir, downloader } = await setup(t);
    const json = Buffer.from(JSON.stringify({ id2label: { 0: 'person' } }));
    hub.add({ repo, file: 'config.json', revision: 'main', bytes: json, etag: null });
    const result = await downloader.download({ repo, file: 'config.json', revision: 'main' }, { target: join(dir, 'config.json') });
    assert.equal(result.checkedAgainst, 'the Hub (git blob SHA-1)');
    assert.deepEqual(readFileSync(join(dir, 'config.json')), json);
  });

  test('404s, gated and missing repositories are explained', async (t) => {
    const { hub, target, downloader } = await setup(t);
    hub.add({ ...file, bytes: Buffer.from('x') });
    await rejects(downloader.download({ ...file, file: 'nope.onnx' }, { target }), 'not-found', /The file nope\.onnx does not exist in someone\/tiny-model at revision main\./);
    await rejects(downloader.download({ ...file, repo: 'nobody/nothing' }, { target }), 'not-found', /The repository nobody\/nothing was not found on the Hub/);
    hub.add({ ...file, file: 'plain404.onnx', bytes: Buffer.from('x'), status: 404 });
    await rejects(downloader.download({ ...file, file: 'plain404.onnx' }, { target }), 'not-found', /the file or the revision does not exist/);
    hub.add({ ...file, file: 'gated.onnx', bytes: Buffer.from('x'), status: 401, errorCode: 'GatedRepo' });
    await rejects(
      downloader.download({ ...file, file: 'gated.onnx' }, { target }),
      'unauthorized',
      new RegExp(`someone/tiny-model is gated or private \\(401\\): open ${hub.url}/someone/tiny-model, log in and accept its licence, then set HF_TOKEN`),
    );
    hub.add({ ...file, file: 'broken.onnx', bytes: Buffer.from('x'), status: 503 });
    await rejects(downloader.download({ ...file, file: 'broken.onnx' }, { target }), 'http', /The Hub answered 503 Service Unavailable for broken\.onnx/);
    assert.equal(hub.downloads.length, 0);
  });

  test('HF_TOKEN is sent to the Hub as a bearer token', async (t) => {
    const { hub, target, bytes } = await setup(t);
    hub.add({ ...file, bytes });
    await new HubDownloader({ baseUrl: hub.url, env: { HF_TOKEN: 'hf_secret' } }).download(file, { target });
    assert.equal(hub.requests[0]!.authorization, 'Bearer hf_secret');
  });

  test('cancel stops a slow download and keeps the .part; the next download resumes it', async (t) => {
    const { hub, target, bytes, downloader } = await setup(t);
    hub.add({ ...file, bytes, chunkSize: 4096, delayMs: 20 });
    const controller = new AbortController();
    const stopped = rejects(
      downloader.download(file, {
        target,
        signal: controller.signal,
        onProgress: (p) => {
          if (p.done >= 20_000) controller.abort();
        },
      }),
      'cancelled',
      /was cancelled; the partial download is kept and installing again resumes it/,
    );
    const error = await stopped;
    assert.equal(error.partialKept, true);
    const kept = readFileSync(`${target}.part`).length;
    assert.ok(kept >= 20_000 && kept < bytes.length, `${kept} bytes kept`);
    hub.add({ ...file, bytes });
    const result = await downloader.download(file, { target });
    assert.equal(result.resumedFrom, kept);
    assert.equal(result.sha256, sha256(bytes));
  });

  test('a connection that keeps dropping fails after the retries, saying the partial download is kept', async (t) => {
    const { hub, target, bytes } = await setup(t);
    hub.add({ ...file, bytes, dropAfter: 10_000, dropTimes: 100 });
    const downloader = new HubDownloader({ baseUrl: hub.url, env: {}, retries: 2, retryDelayMs: 1 });
    const error = await rejects(
      downloader.download(file, { target }),
      'interrupted',
      /The connection to 127\.0\.0\.1:\d+ dropped 3 times while downloading model\.onnx \(30\.0 kB of 200 kB received\); the partial download is kept and installing again resumes it\./,
    );
    assert.equal(error.partialKept, true);
    assert.equal(readFileSync(`${target}.part`).length, 30_000);
  });

  test('refuses to start without the disk space, naming what is needed and what is free', async (t) => {
    const { hub, target, bytes } = await setup(t);
    hub.add({ ...file, bytes });
    const downloader = new HubDownloader({ baseUrl: hub.url, env: {}, freeBytes: async () => 150_000 });
    await rejects(downloader.download(file, { target }), 'disk-space', /Not enough disk space in .*tiny for model\.onnx: it needs 200 kB more, and 150 kB is free\./);
    assert.equal(hub.downloads.length, 0);
  });

  test('offline: nothing listening (connection refused) and unresolvable names are one clear sentence', async (t) => {
    const port = await closedPort();
    const target = join(tempDir(t), 'model.onnx');
    const downloader = new HubDownloader({ baseUrl: `http://127.0.0.1:${port}`, env: {} });
    await rejects(downloader.download(file, { target }), 'offline', new RegExp(`^Cannot reach 127\\.0\\.0\\.1:${port} — check your connection or proxy \\(connection refused\\)\\.$`));
    const dns = Object.assign(new TypeError('fetch failed'), { cause: Object.assign(new Error('getaddrinfo ENOTFOUND huggingface.co'), { code: 'ENOTFOUND' }) });
    assert.equal(networkFailure(dns, 'huggingface.co', null).message, 'Cannot reach huggingface.co — check your connection or proxy (the name huggingface.co could not be resolved).');
  });

  test('PRISMER_STUDIO_HUB_URL points at another Hub; no proxy variables means direct connections', async (t) => {
    const { hub, target, bytes } = await setup(t);
    hub.add({ ...file, bytes });
    const downloader = new HubDownloader({ env: { PRISMER_STUDIO_HUB_URL: `${hub.url}/` } });
    assert.equal(downloader.baseUrl, hub.url);
    assert.equal(downloader.pageUrl(repo), `${hub.url}/${repo}`);
    assert.equal(new HubDownloader({ env: {} }).baseUrl, 'https://huggingface.co');
    await downloader.download(file, { target });
    assert.equal(hub.requests.length, 3, 'the stand-in Hub saw every request itself');
  });

  test('HTTP_PROXY is honoured (through undici), and a proxy asking for a password is explained', async (t) => {
    const { hub, target, bytes } = await setup(t);
    hub.add({ ...file, bytes });
    const seen: string[] = [];
    let requireAuth = false;
    const proxy = createServer((req, res) => {
      // Plain HTTP proxying (absolute-form request line).
      seen.push(`${req.method} ${req.url}`);
      if (requireAuth) return void res.writeHead(407, { 'Proxy-Authenticate': 'Basic' }).end();
      const upstream = httpRequest(req.url!, { method: req.method, headers: req.headers }, (answer) => {
        res.writeHead(answer.statusCode!, answer.headers);
        answer.pipe(res);
      });
      req.pipe(upstream);
    });
    proxy.on('connect', (req, socket, head) => {
      // Tunnelling (CONNECT host:port).
      seen.push(`CONNECT ${req.url}`);
      if (requireAuth) return void socket.end('HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic\r\n\r\n');
      const [host, port] = req.url!.split(':');
      const upstream = connect(Number(port), host, () => {
        socket.write('HTTP/1.1 200 Connection Established\r\n\r\n');
        upstream.write(head);
        upstream.pipe(socket).pipe(upstream);
      });
      upstream.on('error', () => socket.destroy());
      socket.on('error', () => upstream.destroy());
    });
    await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
    t.after(() => {
      proxy.closeAllConnections();
      proxy.close();
    });
    const proxyUrl = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
    const downloader = new HubDownloader({ baseUrl: hub.url, env: { HTTP_PROXY: proxyUrl }, retries: 0 });
    const result = await downloader.download(file, { target });
    assert.equal(result.sha256, sha256(bytes));
    assert.ok(seen.length >= 1, 'the requests went through the proxy');

    requireAuth = true;
    await rejects(
      downloader.download(file, { target: `${target}.2` }),
      'proxy-auth',
      /The proxy 127\.0\.0\.1:\d+ asks for a user name and password \(407 Proxy Authentication Required\): put them in HTTPS_PROXY/,
    );
  });
});
