// Downloads one file from the Hugging Face Hub the way huggingface_hub does: a HEAD on the resolve URL
// without following the CDN redirect reads the file's sha256 (X-Linked-Etag) and size (X-Linked-Size),
// then a GET streams it into `<target>.part`, resuming with a Range request when a .part exists. The whole
// file is hashed and compared with the expected sha256 (the caller's, else the Hub's) before an atomic
// rename. Cancelling keeps the .part for the next try; a dropped connection is retried with resume.
// Errors say in one sentence what happened and what to do (DownloadError.code tells them apart).
import { createHash, type Hash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, open, rename, rm, stat, statfs } from 'node:fs/promises';
import { basename, dirname } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { ProgressMeter } from '../jobs/progressMeter.ts';
import { formatBytes, formatBytesOf } from '../files/byteSizes.ts';
import { writeFully } from '../files/writeFully.ts';

export const defaultHubUrl = 'https://huggingface.co';

export interface HubFile {
  readonly repo: string;
  readonly file: string;
  readonly revision: string;
}

export type DownloadErrorCode =
  | 'offline'
  | 'proxy'
  | 'proxy-auth'
  | 'not-found'
  | 'unauthorized'
  | 'http'
  | 'interrupted'
  | 'integrity'
  | 'disk-space'
  | 'cancelled';

export class DownloadError extends Error {
  readonly code: DownloadErrorCode;
  /** A partial download was kept for a later resume. */
  readonly partialKept: boolean;
  constructor(code: DownloadErrorCode, message: string, options: { partialKept?: boolean; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'DownloadError';
    this.code = code;
    this.partialKept = options.partialKept ?? false;
  }
}

/** A sha256 the file must have, and where that value comes from in words ("the catalog"). */
export interface ExpectedHash {
  readonly sha256: string;
  readonly source: string;
}

export interface DownloadProgress {
  /** Bytes on disk so far, a resumed .part included. */
  readonly done: number;
  readonly total: number | null;
  /** Over the last few seconds; null until measurable. */
  readonly bytesPerSecond: number | null;
}

export interface DownloadOptions {
  /** The final path; the download is written to `${target}.part` and renamed when verified. */
  readonly target: string;
  readonly expected?: ExpectedHash | null;
  /** Exact size the caller knows (the catalog's); checked against the Hub's before downloading. */
  readonly expectedSize?: number | null;
  readonly signal?: AbortSignal;
  readonly onProgress?: (progress: DownloadProgress) => void;
}

export interface RemoteFileInfo {
  /** The resolve URL the GET uses (after relative redirects, e.g. a renamed repository). */
  readonly url: string;
  readonly size: number | null;
  readonly etag: string | null;
  /** The etag when it is a sha256 (LFS files); small git files have a SHA-1 etag instead. */
  readonly sha256: string | null;
  /** The commit the revision resolved to (X-Repo-Commit). */
  readonly commit: string | null;
}

export interface DownloadResult {
  readonly path: string;
  readonly size: number;
  readonly sha256: string;
  /** What the hash was checked against, in words; null when nothing was known to compare with. */
  readonly checkedAgainst: string | null;
  /** Bytes of an earlier .part that were kept (0 for a fresh download). */
  readonly resumedFrom: number;
  /** Bytes received by this call. */
  readonly transferred: number;
  readonly commit: string | null;
}

export interface DownloaderOptions {
  /** The Hub's address; default PRISMER_STUDIO_HUB_URL, else https://huggingface.co. */
  readonly baseUrl?: string;
  /** Where PRISMER_STUDIO_HUB_URL, HF_TOKEN and the proxy variables are read (default process.env). */
  readonly env?: NodeJS.ProcessEnv;
  /** Free bytes in a folder (test seam; default fs.statfs). */
  readonly freeBytes?: (dir: string) => Promise<number>;
  /** Resumed retries after a dropped connection (default 3). */
  readonly retries?: number;
  /** Wait before the first retry, doubled each time (default 1000 ms). */
  readonly retryDelayMs?: number;
  /** Least time between two progress callbacks (default 100 ms). */
  readonly progressIntervalMs?: number;
}

export function hubFileUrl(baseUrl: string, file: HubFile): string {
  const path = file.file.split('/').map(encodeURIComponent).join('/');
  return `${baseUrl.replace(/\/+$/, '')}/${file.repo}/resolve/${encodeURIComponent(file.revision)}/${path}`;
}

type FetchInit = RequestInit & { dispatcher?: unknown };
interface Transport {
  readonly fetch: (url: string, init: FetchInit) => Promise<Response>;
  readonly proxy: string | null;
  close(): Promise<void>;
}

const fsErrorCodes = new Set(['ENOSPC', 'EDQUOT', 'EACCES', 'EPERM', 'EROFS', 'EIO', 'EISDIR', 'ENOTDIR']);

export class HubDownloader {
  readonly #options: DownloaderOptions;

  constructor(options: DownloaderOptions = {}) {
    this.#options = options;
  }

  get baseUrl(): string {
    const env = this.#env;
    return (this.#options.baseUrl ?? (env.PRISMER_STUDIO_HUB_URL || defaultHubUrl)).replace(/\/+$/, '');
  }

  /** The repository's page, where gated models are accepted. */
  pageUrl(repo: string): string {
    return `${this.baseUrl}/${repo}`;
  }

  /** Size, etag and commit of a Hub file, without downloading it. */
  async inspect(file: HubFile, signal?: AbortSignal): Promise<RemoteFileInfo> {
    const transport = await this.#transport();
    try {
      return await this.#head(transport, file, signal);
    } finally {
      await transport.close();
    }
  }

  async download(file: HubFile, options: DownloadOptions): Promise<DownloadResult> {
    const transport = await this.#transport();
    try {
      return await this.#download(transport, file, options);
    } finally {
      await transport.close();
    }
  }

  get #env(): NodeJS.ProcessEnv {
    return this.#options.env ?? process.env;
  }

  async #download(transport: Transport, file: HubFile, options: DownloadOptions): Promise<DownloadResult> {
    const { signal, target } = options;
    const name = basename(file.file);
    const part = `${target}.part`;
    const dir = dirname(target);
    const host = new URL(this.baseUrl).host;
    if (signal?.aborted) throw cancelled(name, false);

    const info = await this.#head(transport, file, signal);
    const expected = options.expected ?? null;
    if (expected && info.sha256 && info.sha256 !== expected.sha256) {
      await rm(part, { force: true });
      throw new DownloadError(
        'integrity',
        `${name} in ${file.repo} at revision ${file.revision} has sha256 ${info.sha256} on the Hub, but ${expected.source} expects ` +
          `${expected.sha256}: the file has changed since. Nothing was downloaded.`,
      );
    }
    if (options.expectedSize != null && info.size !== null && info.size !== options.expectedSize) {
      await rm(part, { force: true });
      throw new DownloadError(
        'integrity',
        `${name} in ${file.repo} at revision ${file.revision} is ${info.size} bytes on the Hub, but ${options.expectedSize} were expected: ` +
          `the file has changed since. Nothing was downloaded.`,
      );
    }
    const total = info.size ?? options.expectedSize ?? null;

    await mkdir(dir, { recursive: true });
    let onDisk = await sizeOf(part);
    if (total !== null && onDisk > total) {
      await rm(part, { force: true });
      onDisk = 0;
    }
    if (total !== null) {
      const needed = total - onDisk;
      const free = await (this.#options.freeBytes ?? freeBytesIn)(dir);
      if (needed > free) {
        throw new DownloadError(
          'disk-space',
          `Not enough disk space in ${dir} for ${name}: it needs ${formatBytes(needed)} more, and ${formatBytes(free)} is free.`,
          { partialKept: onDisk > 0 },
        );
      }
    }

    const retries = this.#options.retries ?? 3;
    const retryDelay = this.#options.retryDelayMs ?? 1000;
    const interval = this.#options.progressIntervalMs ?? 100;
    const meter = new ProgressMeter();
    const hasher = new PrefixHasher(part);
    let lastProgress = 0;
    const progress = (done: number, force: boolean) => {
      const now = Date.now();
      meter.add(now, done);
      if (!options.onProgress || (!force && now - lastProgress < interval)) return;
      lastProgress = now;
      options.onProgress({ done, total, bytesPerSecond: meter.rate() });
    };

    let resumedFrom = onDisk;
    let transferred = 0;
    let failures = 0;
    let restarts = 0;

    const retryOrFail = async (cause: unknown): Promise<void> => {
      if (signal?.aborted) throw cancelled(name, (await sizeOf(part)) > 0);
      failures++;
      const kept = await sizeOf(part);
      if (failures > retries) {
        if (kept === 0) throw networkFailure(cause, host, transport.proxy);
        throw new DownloadError(
          'interrupted',
          `The connection to ${host} dropped ${failures} times while downloading ${name} (${formatBytesOf(kept, total)} received); the partial download is kept and installing again resumes it.`,
          { partialKept: true, cause },
        );
      }
      try {
        await sleep(retryDelay * 2 ** (failures - 1), undefined, { signal });
      } catch {
        throw cancelled(name, kept > 0);
      }
    };

    for (;;) {
      const offset = await sizeOf(part);
      if (total !== null && offset === total && offset > 0) break;
      progress(offset, true);
      let response: Response;
      try {
        response = await transport.fetch(info.url, {
          method: 'GET',
          redirect: 'follow',
          headers: this.#headers(info.url, offset > 0 ? { Range: `bytes=${offset}-` } : {}),
          signal,
        });
      } catch (error) {
        await retryOrFail(error);
        continue;
      }
      let append = false;
      if (response.status === 206 && offset > 0) {
        const start = /^bytes (\d+)-/.exec(response.headers.get('content-range') ?? '')?.[1];
        if (start === undefined || Number(start) !== offset) {
          // A range we did not ask for: start over rather than splice the file.
          await response.body?.cancel();
          await rm(part, { force: true });
          if (++restarts > 2) throw new DownloadError('http', `The server sent ${name} in pieces that do not fit together; try again later.`);
          continue;
        }
        append = true;
      } else if (response.status === 200 || response.status === 206) {
        // 200 to a Range request: the server cannot resume, so the file is downloaded from the start.
        resumedFrom = 0;
      } else if (response.status === 416) {
        await response.body?.cancel();
        await rm(part, { force: true });
        resumedFrom = 0;
        if (++restarts > 2) throw new DownloadError('http', `The server refused every byte range of ${name}; try again later.`);
        continue;
      } else {
        await response.body?.cancel();
        throw httpFailure(response, file, this.pageUrl(file.repo), { partialKept: offset > 0 });
      }

      await hasher.prepare(append ? offset : 0);
      let done = append ? offset : 0;
      const handle = await open(part, append ? 'a' : 'w');
      let streamError: unknown = null;
      try {
        if (!response.body) throw new TypeError('empty response body');
        for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
          await writeFully(handle, chunk);
          hasher.update(chunk);
          done += chunk.byteLength;
          transferred += chunk.byteLength;
          progress(done, false);
        }
      } catch (error) {
        streamError = error;
      } finally {
        await handle.close();
      }
      if (streamError !== null) {
        if (signal?.aborted) throw cancelled(name, done > 0);
        const code = (streamError as NodeJS.ErrnoException).code;
        if (code && fsErrorCodes.has(code)) {
          if (code === 'ENOSPC' || code === 'EDQUOT') {
            throw new DownloadError('disk-space', `The disk filled up while downloading ${name} into ${dir}; free some space and install again to resume.`, {
              partialKept: true,
              cause: streamError,
            });
          }
          throw streamError;
        }
        await retryOrFail(streamError);
        continue;
      }
      if (total !== null && done < total) {
        // The body ended early without an error (no Content-Length): resume like a dropped connection.
        await retryOrFail(new Error(`the body ended after ${done} of ${total} bytes`));
        continue;
      }
      break;
    }

    const size = await sizeOf(part);
    progress(size, true);
    if (total !== null && size !== total) {
      await rm(part, { force: true });
      throw new DownloadError('integrity', `The download of ${name} is ${size} bytes instead of ${total}; it was removed. Try again.`);
    }
    const sha256 = hasher.bytes === size ? hasher.digest() : await hashFile(part);
    const check: ExpectedHash | null = expected ?? (info.sha256 ? { sha256: info.sha256, source: 'the Hub (X-Linked-Etag)' } : null);
    let checkedAgainst = check?.source ?? null;
    if (check && sha256 !== check.sha256) {
      await rm(part, { force: true });
      throw new DownloadError(
        'integrity',
        `The downloaded ${name} does not match ${check.source}: its sha256 is ${sha256} instead of ${check.sha256}. ` +
          `The partial file was removed; try again.`,
      );
    }
    if (!check && info.etag && /^[0-9a-f]{40}$/.test(info.etag)) {
      // A small file kept in git (not LFS): the Hub's etag is its git blob SHA-1, which can be checked too.
      const blob = await gitBlobSha1(part, size);
      if (blob !== info.etag) {
        await rm(part, { force: true });
        throw new DownloadError(
          'integrity',
          `The downloaded ${name} does not match the Hub's git blob SHA-1 (${blob} instead of ${info.etag}). The partial file was removed; try again.`,
        );
      }
      checkedAgainst = 'the Hub (git blob SHA-1)';
    }
    await rename(part, target);
    return { path: target, size, sha256, checkedAgainst, resumedFrom, transferred, commit: info.commit };
  }

  async #head(transport: Transport, file: HubFile, signal: AbortSignal | undefined): Promise<RemoteFileInfo> {
    const host = new URL(this.baseUrl).host;
    let url = hubFileUrl(this.baseUrl, file);
    for (let hop = 0; hop < 5; hop++) {
      let response: Response;
      try {
        response = await transport.fetch(url, { method: 'HEAD', redirect: 'manual', headers: this.#headers(url, {}), signal });
      } catch (error) {
        if (signal?.aborted) throw cancelled(basename(file.file), false);
        throw networkFailure(error, host, transport.proxy);
      }
      const headers = response.headers;
      const linkedEtag = headers.get('x-linked-etag');
      if (response.status >= 300 && response.status < 400) {
        const location = headers.get('location');
        // Relative redirects (a renamed repository) are followed; the absolute one to the CDN is not.
        if (location && !linkedEtag && !/^[a-z][a-z0-9+.-]*:|^\/\//i.test(location)) {
          url = new URL(location, url).href;
          continue;
        }
      } else if (!response.ok) {
        throw httpFailure(response, file, this.pageUrl(file.repo), {});
      }
      const etag = normaliseEtag(linkedEtag ?? headers.get('etag'));
      const sizeHeader = headers.get('x-linked-size') ?? (response.ok ? headers.get('content-length') : null);
      const size = sizeHeader !== null && /^\d+$/.test(sizeHeader) ? Number(sizeHeader) : null;
      return { url, size, etag, sha256: etag && /^[0-9a-f]{64}$/.test(etag) ? etag : null, commit: headers.get('x-repo-commit') };
    }
    throw new DownloadError('http', `The Hub redirected ${file.repo}/${file.file} too many times; try again later.`);
  }

  #headers(url: string, extra: Record<string, string>): Record<string, string> {
    const headers: Record<string, string> = { 'User-Agent': 'prismer-studio', 'Accept-Encoding': 'identity', ...extra };
    const token = this.#env.HF_TOKEN || this.#env.HUGGING_FACE_HUB_TOKEN;
    // The token goes to the Hub only, never to another host (fetch also drops it on cross-origin redirects).
    if (token && new URL(url).origin === new URL(this.baseUrl).origin) headers.Authorization = `Bearer ${token}`;
    return headers;
  }

  /** Node's fetch ignores HTTPS_PROXY/HTTP_PROXY; when one is set, undici's EnvHttpProxyAgent honours them. */
  async #transport(): Promise<Transport> {
    const env = this.#env;
    const httpsProxy = env.HTTPS_PROXY || env.https_proxy || undefined;
    const httpProxy = env.HTTP_PROXY || env.http_proxy || undefined;
    if (!httpsProxy && !httpProxy) return { fetch: (url, init) => fetch(url, init), proxy: null, close: async () => {} };
    const undici = await import('undici');
    const dispatcher = new undici.EnvHttpProxyAgent({ httpProxy, httpsProxy, noProxy: env.NO_PROXY || env.no_proxy || '' });
    const proxy = new URL(this.baseUrl).protocol === 'https:' ? (httpsProxy ?? httpProxy ?? null) : (httpProxy ?? null);
    return {
      fetch: (url, init) => undici.fetch(url, { ...(init as object), dispatcher } as Parameters<typeof undici.fetch>[1]) as unknown as Promise<Response>,
      proxy,
      close: () => dispatcher.close(),
    };
  }
}

/** sha256 of a file's first N bytes, kept up to date as bytes are appended. */
class PrefixHasher {
  readonly #path: string;
  #hash: Hash = createHash('sha256');
  bytes = 0;

  constructor(path: string) {
    this.#path = path;
  }

  /** Makes the hash cover exactly the first `offset` bytes of the file. */
  async prepare(offset: number): Promise<void> {
    if (offset === this.bytes) return;
    this.#hash = createHash('sha256');
    this.bytes = 0;
    if (offset === 0) return;
    for await (const chunk of createReadStream(this.#path, { start: 0, end: offset - 1 })) this.update(chunk as Buffer);
  }

  update(chunk: Uint8Array): void {
    this.#hash.update(chunk);
    this.bytes += chunk.byteLength;
  }

  digest(): string {
    return this.#hash.digest('hex');
  }
}

export async function hashFile(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** The SHA-1 git gives a file's content (`git hash-object`): sha1("blob <size>\0" + bytes). */
export async function gitBlobSha1(path: string, size: number): Promise<string> {
  const hash = createHash('sha1').update(`blob ${size}\0`);
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

async function sizeOf(path: string): Promise<number> {
  try {
    return (await stat(path)).size;
  } catch {
    return 0;
  }
}

async function freeBytesIn(dir: string): Promise<number> {
  const s = await statfs(dir);
  return Number(s.bavail) * Number(s.bsize);
}

function normaliseEtag(etag: string | null): string | null {
  if (!etag) return null;
  return etag.replace(/^W\//, '').replace(/^"|"$/g, '');
}

function cancelled(name: string, partialKept: boolean): DownloadError {
  return new DownloadError('cancelled', `The download of ${name} was cancelled${partialKept ? '; the partial download is kept and installing again resumes it' : ''}.`, {
    partialKept,
  });
}

function errorCodes(error: unknown): { codes: string[]; text: string } {
  const codes: string[] = [];
  const texts: string[] = [];
  const seen = new Set<unknown>();
  const visit = (e: unknown) => {
    if (!e || typeof e !== 'object' || seen.has(e)) return;
    seen.add(e);
    const { code, message, cause, errors } = e as { code?: unknown; message?: unknown; cause?: unknown; errors?: unknown };
    if (typeof code === 'string') codes.push(code);
    if (typeof message === 'string') texts.push(message);
    visit(cause);
    if (Array.isArray(errors)) errors.forEach(visit);
  };
  visit(error);
  return { codes, text: texts.join(' | ') };
}

/** A request that got no HTTP answer, in words: offline, DNS, refused, timed out, or the proxy said no. */
export function networkFailure(error: unknown, host: string, proxy: string | null): DownloadError {
  const { codes, text } = errorCodes(error);
  const proxyStatus = /Proxy response \((\d{3})\)/i.exec(text)?.[1];
  const proxyHost = proxy ? safeHost(proxy) : null;
  if (proxyStatus === '407') return proxyAuthFailure(proxyHost ?? 'the proxy', error);
  if (proxyStatus) {
    return new DownloadError('proxy', `The proxy ${proxyHost ?? 'in HTTPS_PROXY'} refused to connect to ${host} (it answered ${proxyStatus}); check HTTPS_PROXY and NO_PROXY.`, {
      cause: error,
    });
  }
  const has = (...wanted: string[]) => codes.some((c) => wanted.includes(c));
  const reason = has('ENOTFOUND', 'EAI_AGAIN', 'EAI_NONAME')
    ? `the name ${proxyHost ?? host.replace(/:\d+$/, '')} could not be resolved`
    : has('ECONNREFUSED')
      ? 'connection refused'
      : has('ETIMEDOUT', 'UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT')
        ? 'the connection timed out'
        : has('ENETUNREACH', 'EHOSTUNREACH', 'ENETDOWN')
          ? 'no route to the network'
          : has('ECONNRESET', 'UND_ERR_SOCKET', 'EPIPE')
            ? 'the connection was reset'
            : (text.split(' | ').at(-1) ?? 'no answer');
  const via = proxyHost ? ` through the proxy ${proxyHost}` : '';
  return new DownloadError('offline', `Cannot reach ${host}${via} — check your connection or proxy (${reason}).`, { cause: error });
}

function proxyAuthFailure(proxyHost: string, cause?: unknown): DownloadError {
  return new DownloadError(
    'proxy-auth',
    `The proxy ${proxyHost} asks for a user name and password (407 Proxy Authentication Required): put them in HTTPS_PROXY as http://user:password@host:port.`,
    { cause },
  );
}

function safeHost(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

/** An HTTP answer that is not the file, in words. */
export function httpFailure(response: Response, file: HubFile, pageUrl: string, options: { partialKept?: boolean }): DownloadError {
  const code = response.headers.get('x-error-code');
  const status = response.status;
  const where = `${file.file} in ${file.repo} at revision ${file.revision}`;
  const kept = options.partialKept ? ' The partial download is kept.' : '';
  if (code === 'RepoNotFound') {
    return new DownloadError(
      'not-found',
      `The repository ${file.repo} was not found on the Hub (if it is private, set HF_TOKEN to an access token that can read it).${kept}`,
      options,
    );
  }
  if (code === 'RevisionNotFound') return new DownloadError('not-found', `The revision ${file.revision} does not exist in ${file.repo}.${kept}`, options);
  if (code === 'EntryNotFound') return new DownloadError('not-found', `The file ${file.file} does not exist in ${file.repo} at revision ${file.revision}.${kept}`, options);
  if (status === 404) return new DownloadError('not-found', `Not found on the Hub: ${where} (the file or the revision does not exist).${kept}`, options);
  if (status === 401 || status === 403) {
    return new DownloadError(
      'unauthorized',
      `${file.repo} is gated or private (${status}): open ${pageUrl}, log in and accept its licence, then set HF_TOKEN to an access ` +
        `token and try again.${kept}`,
      options,
    );
  }
  if (status === 407) return proxyAuthFailure('between you and the Hub');
  if (status === 429) return new DownloadError('http', `The Hub is limiting requests (429 Too Many Requests); try again in a few minutes.${kept}`, options);
  return new DownloadError('http', `The Hub answered ${status}${response.statusText ? ` ${response.statusText}` : ''} for ${where}; try again later.${kept}`, options);
}
