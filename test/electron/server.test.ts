// Specification of web mode's server: the token guards every request and the WebSocket, the Host and
// Origin must be this server, the API works over the socket, and media are served by image id only.
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test, type TestContext } from 'node:test';
import { request } from 'node:http';
import WebSocket from 'ws';
import { startWebServer, type WebServer } from '../../electron/server.ts';
import { baseAppInfo } from '../../electron/appInfo.ts';
import type { Studio } from '../../electron/studio.ts';
import { testStudio } from '../helpers/studio.ts';
import { tempDir } from '../helpers/tempDir.ts';
import { writePhoto } from '../helpers/images.ts';

interface Served {
  studio: Studio;
  server: WebServer;
  lib: string;
}

async function serve(t: TestContext): Promise<Served> {
  const studio = testStudio(t);
  const rendererDir = join(tempDir(t), 'renderer');
  mkdirSync(rendererDir);
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>studio</title>');
  const server = await startWebServer({ studio, rendererDir, appInfo: baseAppInfo(studio) });
  t.after(() => server.close());
  const lib = join(tempDir(t), 'photos');
  await writePhoto(join(lib, 'a.jpg'), { seed: 1 });
  await writePhoto(join(lib, 'b.tiff'), { seed: 2, format: 'tiff' });
  return { studio, server, lib };
}

interface Got {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

function get(server: WebServer, path: string, headers: Record<string, string> = {}): Promise<Got> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: server.port, path, headers: { host: `127.0.0.1:${server.port}`, ...headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end();
  });
}

function connect(server: WebServer, headers: Record<string, string>): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`ws://127.0.0.1:${server.port}/api`, { headers });
    ws.once('open', () => resolve(ws));
    ws.once('error', reject);
    ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
  });
}

function call(ws: WebSocket, id: number, method: string, params: unknown): Promise<{ ok: boolean; result?: unknown; error?: { code: string } }> {
  return new Promise((resolve) => {
    const onMessage = (data: WebSocket.RawData) => {
      const message = JSON.parse(data.toString()) as { id?: number };
      if (message.id === id) {
        ws.off('message', onMessage);
        resolve(message as never);
      }
    };
    ws.on('message', onMessage);
    ws.send(JSON.stringify({ id, method, params }));
  });
}

describe('web mode server', () => {
  test('every request needs the token; the link trades it for an HttpOnly cookie', async (t) => {
    const { server } = await serve(t);
    assert.equal((await get(server, '/')).status, 401);
    assert.equal((await get(server, '/index.html?token=wrong')).status, 401);
    const login = await get(server, `/?token=${server.token}`);
    assert.equal(login.status, 302);
    assert.equal(login.headers.location, '/');
    const cookie = String(login.headers['set-cookie']);
    assert.match(cookie, /HttpOnly/);
    assert.match(cookie, /SameSite=Strict/);
    const page = await get(server, '/', { cookie: cookie.split(';')[0]! });
    assert.equal(page.status, 200);
    assert.match(String(page.headers['content-security-policy']), /default-src 'self'/);
    assert.equal((await get(server, '/', { authorization: `Bearer ${server.token}` })).status, 200);
  });

  test('refuses a foreign Host (DNS rebinding) and paths outside the renderer', async (t) => {
    const { server } = await serve(t);
    const auth = { authorization: `Bearer ${server.token}` };
    assert.equal((await get(server, '/', { ...auth, host: 'evil.example:80' })).status, 421);
    assert.equal((await get(server, '/../../package.json', auth)).status, 404);
    assert.equal((await get(server, '/%2e%2e/%2e%2e/package.json', auth)).status, 404);
    assert.equal((await get(server, '/media/original/..%2f..%2fetc%2fpasswd', auth)).status, 404);
  });

  test('the WebSocket needs the token and this origin, then speaks the contract and pushes events', async (t) => {
    const { server, lib } = await serve(t);
    const origin = `http://127.0.0.1:${server.port}`;
    await assert.rejects(connect(server, { origin }), /401/);
    await assert.rejects(connect(server, { origin: 'http://evil.example', cookie: `studio_token=${server.token}` }), /401/);
    const ws = await connect(server, { origin, cookie: `studio_token=${server.token}` });
    t.after(() => ws.close());
    const events: string[] = [];
    ws.on('message', (data) => {
      const message = JSON.parse(data.toString()) as { event?: string };
      if (message.event) events.push(message.event);
    });
    const info = await call(ws, 1, 'app.info', {});
    assert.equal((info.result as { shell: string }).shell, 'web');
    const picker = await call(ws, 9, 'app.pickFolder', {});
    assert.equal(picker.error?.code, 'unsupported', 'web mode has no system folder picker');
    const bad = await call(ws, 2, 'library.addFolder', { path: 7 });
    assert.equal(bad.error?.code, 'invalid-params');
    const added = await call(ws, 3, 'library.addFolder', { path: lib });
    assert.ok(added.ok);
    for (let i = 0; i < 100 && !events.includes('library.changed'); i++) await new Promise((r) => setTimeout(r, 20));
    assert.ok(events.includes('jobs.progress'));
    assert.ok(events.includes('library.changed'));
  });

  test('serves thumbnails and photos by image id, converting what browsers cannot show', async (t) => {
    const { server, studio, lib } = await serve(t);
    await studio.jobs.wait((await studio.library.addFolder(lib)).jobId);
    const tiles = studio.library.query({ sort: 'name' }, 0, 10).tiles;
    const auth = { authorization: `Bearer ${server.token}` };
    const jpeg = tiles.find((x) => x.fileName === 'a.jpg')!;
    const tiff = tiles.find((x) => x.fileName === 'b.tiff')!;
    const thumb = await get(server, `/media/thumb/${jpeg.id}`, auth);
    assert.equal(thumb.status, 200);
    assert.equal(thumb.headers['content-type'], 'image/webp');
    const original = await get(server, `/media/original/${jpeg.id}`, auth);
    assert.equal(original.headers['content-type'], 'image/jpeg');
    assert.equal(original.body.subarray(0, 2).toString('hex'), 'ffd8');
    const converted = await get(server, `/media/original/${tiff.id}`, auth);
    assert.equal(converted.status, 200);
    assert.equal(converted.headers['content-type'], 'image/jpeg');
    assert.equal((await get(server, `/media/original/999999`, auth)).status, 404);
    assert.equal((await get(server, `/media/thumb/${jpeg.id}`)).status, 401, 'media need the token too');
  });

  test('serves an expert\'s label map by image id once the expert has run', async (t) => {
    const { server, studio, lib } = await serve(t);
    await studio.jobs.wait((await studio.library.addFolder(lib)).jobId);
    const tile = studio.library.query({ sort: 'name' }, 0, 1).tiles[0]!;
    const auth = { authorization: `Bearer ${server.token}` };
    assert.equal((await get(server, `/media/map/${tile.id}/edge`, auth)).status, 404, 'not run yet');
    await studio.jobs.wait(studio.experts.run({ imageIds: [tile.id], only: ['edge'] }).jobId);
    const map = await get(server, `/media/map/${tile.id}/edge`, auth);
    assert.equal(map.status, 200);
    assert.equal(map.headers['content-type'], 'image/png');
    assert.equal((await get(server, `/media/map/${tile.id}/xray`, auth)).status, 404);
  });

  test('never serves a file outside the folder it was imported from', async (t) => {
    const { server, studio, lib } = await serve(t);
    await studio.jobs.wait((await studio.library.addFolder(lib)).jobId);
    const tile = studio.library.query({}, 0, 1).tiles[0]!;
    // A tampered row pointing elsewhere (as if the database were edited) is still not served.
    studio.db.prepare(`UPDATE images SET path = '/etc/hostname' WHERE id = ?`).run(tile.id);
    assert.equal((await get(server, `/media/original/${tile.id}`, { authorization: `Bearer ${server.token}` })).status, 404);
  });
});
