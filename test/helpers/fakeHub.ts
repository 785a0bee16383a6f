// A stand-in for the Hugging Face Hub on 127.0.0.1 (port 0), imitating its resolve endpoint as
// huggingface_hub sees it: HEAD /{repo}/resolve/{revision}/{file} answers 302 to a "CDN" URL with
// X-Linked-Etag (the sha256, quoted), X-Linked-Size and X-Repo-Commit; GET follows the redirect and the
// CDN serves the bytes with Range support. Per file it can be made to drop the connection mid-file, ignore
// Range, send slowly, serve other bytes than announced, or answer an error with Hub's X-Error-Code.
// Every request is logged with its Range header and the body bytes sent, so tests can prove what moved.
import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { TestContext } from 'node:test';

export interface FakeHubFile {
  readonly repo: string;
  readonly file: string;
  readonly revision?: string;
  readonly bytes: Buffer;
  /** X-Linked-Etag; default the sha256 of `bytes`; null: none (then ETag is a git blob SHA-1, as for small git files). */
  readonly etag?: string | null;
  /** Serve these bytes instead of `bytes` (a corrupt mirror); headers still describe `bytes`. */
  readonly served?: Buffer;
  /** Close the connection after this many body bytes, on the first `dropTimes` GETs (default once). */
  readonly dropAfter?: number;
  readonly dropTimes?: number;
  /** Answer a Range request with 200 and the whole file. */
  readonly ignoreRange?: boolean;
  /** Send `chunkSize` bytes every `delayMs` ms. */
  readonly chunkSize?: number;
  readonly delayMs?: number;
  /** Answer HEAD and GET with this status and X-Error-Code. */
  readonly status?: number;
  readonly errorCode?: string;
}

export interface HubRequest {
  readonly method: string;
  readonly path: string;
  readonly range: string | null;
  readonly authorization: string | null;
  status: number;
  bytesSent: number;
}

export const fakeCommit = 'c0ffee'.padEnd(40, '0');

export function sha256(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}

export function gitBlobSha1(bytes: Buffer): string {
  return createHash('sha1').update(`blob ${bytes.length}\0`).update(bytes).digest('hex');
}

/** Deterministic pseudo-random bytes (incompressible, distinct per seed). */
export function randomBytesFor(size: number, seed = 1): Buffer {
  const out = Buffer.alloc(size);
  let x = seed * 2654435761 || 1;
  for (let i = 0; i < size; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out[i] = x & 255;
  }
  return out;
}

export class FakeHub {
  readonly server: Server;
  readonly requests: HubRequest[] = [];
  readonly #files = new Map<string, { spec: FakeHubFile; drops: number }>();
  readonly #cdn = new Map<string, string>();

  constructor(server: Server) {
    this.server = server;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  /** Adds (or replaces) a file. */
  add(spec: FakeHubFile): this {
    const key = `${spec.repo}@${spec.revision ?? 'main'}/${spec.file}`;
    const cdnId = createHash('sha1').update(key).digest('hex');
    this.#files.set(key, { spec, drops: 0 });
    this.#cdn.set(cdnId, key);
    return this;
  }

  /** GET requests that carried body bytes from the CDN. */
  get downloads(): HubRequest[] {
    return this.requests.filter((r) => r.method === 'GET' && r.path.startsWith('/cdn/'));
  }

  handle(req: IncomingMessage, res: ServerResponse): void {
    const log: HubRequest = {
      method: req.method ?? 'GET',
      path: req.url ?? '/',
      range: req.headers.range ?? null,
      authorization: req.headers.authorization ?? null,
      status: 0,
      bytesSent: 0,
    };
    this.requests.push(log);
    const send = (status: number, headers: Record<string, string | number> = {}, body = '') => {
      log.status = status;
      res.writeHead(status, headers);
      res.end(req.method === 'HEAD' ? undefined : body);
    };
    const path = decodeURIComponent(log.path);
    const cdn = /^\/cdn\/([0-9a-f]+)$/.exec(path);
    if (cdn) return this.#serve(req, res, log, this.#files.get(this.#cdn.get(cdn[1]!) ?? ''));
    const resolve = /^\/([^/]+\/[^/]+)\/resolve\/([^/]+)\/(.+)$/.exec(path);
    if (!resolve) return send(404, { 'Content-Type': 'text/plain' }, 'Not found');
    const [, repo, revision, file] = resolve as unknown as [string, string, string, string];
    const found = this.#files.get(`${repo}@${revision}/${file}`);
    if (!found) {
      const knownRepo = [...this.#files.values()].some((f) => f.spec.repo === repo);
      if (!knownRepo) return send(401, { 'X-Error-Code': 'RepoNotFound' }, 'Repository not found');
      return send(404, { 'X-Error-Code': 'EntryNotFound' }, 'Entry not found');
    }
    const { spec } = found;
    if (spec.status) return send(spec.status, spec.errorCode ? { 'X-Error-Code': spec.errorCode } : {}, `error ${spec.status}`);
    const location = `${this.url}/cdn/${createHash('sha1').update(`${repo}@${revision}/${file}`).digest('hex')}`;
    const etag = spec.etag === undefined ? sha256(spec.bytes) : spec.etag;
    if (etag === null) {
      // A small git file: no redirect, ETag is the git blob SHA-1.
      if (req.method === 'HEAD') {
        return send(200, { ETag: `"${gitBlobSha1(spec.bytes)}"`, 'Content-Length': spec.bytes.length, 'X-Repo-Commit': fakeCommit });
      }
      return this.#serve(req, res, log, found);
    }
    send(302, {
      Location: location,
      'X-Linked-Etag': `"${etag}"`,
      'X-Linked-Size': spec.bytes.length,
      'X-Repo-Commit': fakeCommit,
      ETag: '"not-the-sha"',
    });
  }

  #serve(req: IncomingMessage, res: ServerResponse, log: HubRequest, found: { spec: FakeHubFile; drops: number } | undefined): void {
    if (!found) {
      log.status = 404;
      res.writeHead(404).end();
      return;
    }
    const { spec } = found;
    const body = spec.served ?? spec.bytes;
    const range = /^bytes=(\d+)-$/.exec(req.headers.range ?? '');
    let start = 0;
    if (range && !spec.ignoreRange) {
      start = Number(range[1]);
      if (start >= body.length) {
        log.status = 416;
        res.writeHead(416, { 'Content-Range': `bytes */${body.length}` }).end();
        return;
      }
      log.status = 206;
      res.writeHead(206, { 'Content-Range': `bytes ${start}-${body.length - 1}/${body.length}`, 'Content-Length': body.length - start, 'Accept-Ranges': 'bytes' });
    } else {
      log.status = 200;
      res.writeHead(200, { 'Content-Length': body.length, 'Accept-Ranges': 'bytes' });
    }
    const rest = body.subarray(start);
    const drop = spec.dropAfter !== undefined && found.drops < (spec.dropTimes ?? 1) ? spec.dropAfter : null;
    if (drop !== null) found.drops++;
    const limit = drop === null ? rest.length : Math.min(drop, rest.length);
    const chunkSize = spec.chunkSize ?? 16 * 1024;
    let offset = 0;
    let closed = false;
    res.on('close', () => (closed = true));
    const next = () => {
      if (closed) return;
      if (offset >= limit) {
        if (drop === null) return void res.end();
        // Let the bytes reach the client, then cut the connection mid-file.
        return void setTimeout(() => res.socket?.destroy(), 50);
      }
      const piece = rest.subarray(offset, Math.min(limit, offset + chunkSize));
      offset += piece.length;
      log.bytesSent += piece.length;
      res.write(piece, () => (spec.delayMs ? setTimeout(next, spec.delayMs) : next()));
    };
    next();
  }
}

export async function startFakeHub(t: TestContext): Promise<FakeHub> {
  let hub: FakeHub | null = null;
  const server = createServer((req, res) => hub!.handle(req, res));
  hub = new FakeHub(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  t.after(
    () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  );
  return hub;
}

/** A port on 127.0.0.1 where nothing listens (a server was opened there and closed). */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
