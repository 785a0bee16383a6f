// Web mode: the built renderer, the media endpoints and the API WebSocket on 127.0.0.1, for machines
// without the Electron binary and for browser tests. Every request needs the per-run token (a cookie
// set from the printed link, a ?token= query or a Bearer header), the Host must be this server (no DNS
// rebinding), and the WebSocket also checks Origin. Media are addressed by image id only.
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { extname, isAbsolute, join, normalize, relative } from 'node:path';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { createDispatcher } from './api/dispatcher.ts';
import { createHandlers } from './api/handlers.ts';
import type { AppInfo } from './api/app.ts';
import { mediaRoute } from './mediaRoute.ts';
import type { Studio } from './studio.ts';

export interface WebServerOptions {
  readonly studio: Studio;
  /** The built renderer (index.html and assets). */
  readonly rendererDir: string;
  readonly port?: number;
  readonly host?: string;
  readonly appInfo: Omit<AppInfo, 'shell' | 'mediaBase'>;
  /** Fixed token for tests; random otherwise. */
  readonly token?: string;
}

export interface WebServer {
  readonly url: string;
  /** The link to open: sets the token cookie and redirects to the app. */
  readonly loginUrl: string;
  readonly token: string;
  readonly port: number;
  close(): Promise<void>;
}

const cookieName = 'studio_token';

const staticTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
  '.map': 'application/json',
};

function sameToken(given: string | null | undefined, token: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

function cookieToken(request: IncomingMessage): string | null {
  for (const part of (request.headers.cookie ?? '').split(';')) {
    const [name, ...value] = part.trim().split('=');
    if (name === cookieName) return value.join('=');
  }
  return null;
}

export async function startWebServer(options: WebServerOptions): Promise<WebServer> {
  const { studio } = options;
  const host = options.host ?? '127.0.0.1';
  const token = options.token ?? randomBytes(24).toString('base64url');
  let port = options.port ?? 0;
  const allowedHosts = () => new Set([`${host}:${port}`, `localhost:${port}`, `127.0.0.1:${port}`]);
  const appInfo = (): AppInfo => ({ ...options.appInfo, shell: 'web', mediaBase: '/media' });
  const dispatch = createDispatcher(createHandlers(studio, appInfo), (error) => console.error('[api]', error));
  const csp = () =>
    [
      "default-src 'self'",
      "script-src 'self'",
      "style-src 'self' 'unsafe-inline'",
      "img-src 'self' blob: data:",
      `connect-src 'self' ws://${host}:${port} ws://localhost:${port}`,
      "object-src 'none'",
      "base-uri 'none'",
      "frame-ancestors 'none'",
      "form-action 'none'",
    ].join('; ');

  const authorised = (request: IncomingMessage, url: URL): boolean =>
    sameToken(cookieToken(request), token) ||
    sameToken(url.searchParams.get('token'), token) ||
    sameToken(request.headers.authorization?.replace(/^Bearer\s+/i, ''), token);

  const send = (response: ServerResponse, status: number, body: string, type = 'text/plain; charset=utf-8') => {
    response.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' });
    response.end(body);
  };

  const sendFile = async (request: IncomingMessage, response: ServerResponse, path: string, type: string, cache: string) => {
    const info = await stat(path);
    const headers: Record<string, string | number> = {
      'content-type': type,
      'content-length': info.size,
      'cache-control': cache,
      'x-content-type-options': 'nosniff',
    };
    if (type.startsWith('text/html')) headers['content-security-policy'] = csp();
    response.writeHead(200, headers);
    if (request.method === 'HEAD') {
      response.end();
      return;
    }
    createReadStream(path).on('error', () => response.destroy()).pipe(response);
  };

  const handle = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    if (!allowedHosts().has(request.headers.host ?? '')) return send(response, 421, 'Unknown host.');
    if (request.method !== 'GET' && request.method !== 'HEAD') return send(response, 405, 'Method not allowed.');
    const url = new URL(request.url ?? '/', `http://${host}:${port}`);
    if (!authorised(request, url)) {
      return send(
        response,
        401,
        'Prismer Studio: this page needs the link printed in the terminal that started web mode (it carries a one-time token).',
      );
    }
    if (url.searchParams.has('token')) {
      // Trade the token in the link for a cookie, and drop it from the address bar and history.
      response.writeHead(302, {
        'set-cookie': `${cookieName}=${token}; HttpOnly; SameSite=Strict; Path=/`,
        location: url.pathname === '/' ? '/' : url.pathname,
        'cache-control': 'no-store',
      });
      response.end();
      return;
    }
    const media = url.pathname.startsWith('/media/') ? mediaRoute(url.pathname.slice('/media'.length)) : null;
    if (media?.kind === 'map') {
      const path = studio.experts.mapFile(media.imageId, media.expert);
      if (!path) return send(response, 404, 'This expert has not run on this image yet.');
      return sendFile(request, response, path, 'image/png', 'private, no-cache');
    }
    if (media) {
      const id = media.imageId;
      const file = media.kind === 'thumb' ? await studio.media.thumbnail(id) : await studio.media.original(id);
      if (!file) return send(response, 404, 'No such image, or its file is no longer where it was imported.');
      return sendFile(request, response, file.path, file.contentType, url.searchParams.has('v') ? 'private, max-age=31536000, immutable' : 'private, no-cache');
    }
    // The built renderer.
    const wanted = url.pathname === '/' ? '/index.html' : decodeURIComponent(url.pathname);
    const path = normalize(join(options.rendererDir, wanted));
    const rel = relative(options.rendererDir, path);
    if (rel.startsWith('..') || isAbsolute(rel)) return send(response, 404, 'Not found.');
    const type = staticTypes[extname(path)] ?? 'application/octet-stream';
    try {
      await sendFile(request, response, path, type, rel === 'index.html' ? 'no-cache' : 'private, max-age=3600');
    } catch {
      if (wanted === '/index.html') {
        return send(response, 500, `The renderer is not built (${options.rendererDir} has no index.html). Run "npm run build".`);
      }
      send(response, 404, 'Not found.');
    }
  };

  const server: Server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      console.error('[web]', error);
      if (!response.headersSent) send(response, 500, 'Internal error.');
      else response.destroy();
    });
  });

  const sockets = new WebSocketServer({ noServer: true, maxPayload: 16 * 1024 * 1024 });
  server.on('upgrade', (request, socket, head) => {
    const url = new URL(request.url ?? '/', `http://${host}:${port}`);
    const originOk = request.headers.origin === undefined || [...allowedHosts()].some((h) => request.headers.origin === `http://${h}`);
    if (url.pathname !== '/api' || !allowedHosts().has(request.headers.host ?? '') || !originOk || !authorised(request, url)) {
      socket.write('HTTP/1.1 401 Unauthorized\r\nConnection: close\r\n\r\n');
      socket.destroy();
      return;
    }
    sockets.handleUpgrade(request, socket, head, (ws) => sockets.emit('connection', ws, request));
  });

  const clients = new Set<WebSocket>();
  const offEvents = studio.bus.onAny((event, payload) => {
    const text = JSON.stringify({ event, payload });
    for (const client of clients) if (client.readyState === client.OPEN) client.send(text);
  });
  sockets.on('connection', (ws: WebSocket) => {
    clients.add(ws);
    ws.on('close', () => clients.delete(ws));
    ws.on('message', (data, isBinary) => {
      if (isBinary) return;
      let message: unknown;
      try {
        message = JSON.parse(data.toString());
      } catch {
        ws.send(JSON.stringify({ id: -1, ok: false, error: { code: 'invalid-request', message: 'Not JSON.' } }));
        return;
      }
      void dispatch(message).then((reply) => {
        if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(reply));
      });
    });
  });

  await new Promise<void>((resolveListen, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolveListen());
  });
  port = (server.address() as AddressInfo).port;
  const url = `http://${host}:${port}/`;
  return {
    url,
    loginUrl: `${url}?token=${token}`,
    token,
    port,
    async close() {
      offEvents();
      for (const client of clients) client.terminate();
      sockets.close();
      const closed = new Promise<void>((done) => server.close(() => done()));
      server.closeAllConnections();
      await closed;
    },
  };
}
