// The Electron main process: one window, the studio's services in-process (main owns the database),
// the contract over IPC, and two custom protocols — studio://app for the built renderer and
// studio-media://media for thumbnails and photos by image id. The window is sandboxed, context-isolated,
// has no Node, may not navigate or open windows, and is denied every permission. One desktop app at a
// time (a second start focuses the first window), and one studio per data folder (web mode included).
// One of the two files allowed to import `electron`; everything it calls is plain Node, tested elsewhere.
import { app, BrowserWindow, dialog, ipcMain, net, protocol, session, shell, utilityProcess } from 'electron';
import { join, normalize, relative, isAbsolute } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createDispatcher } from './api/dispatcher.ts';
import { createHandlers } from './api/handlers.ts';
import { baseAppInfo } from './appInfo.ts';
import { dataPaths, defaultDataDir } from './dataDir.ts';
import { acquireInstanceLock, alreadyRunningMessage, type InstanceLock } from './instanceLock.ts';
import { makeFolderSync } from './services/files/makeFolder.ts';
import { mediaRoute } from './mediaRoute.ts';
import { packageRoot, rendererBuildDir } from './packageRoot.ts';
import { openStudio, type Studio } from './studio.ts';
import type { SpawnWorker } from './worker/workerProcess.ts';
import { stopMessage } from './worker/workerPort.ts';

/** The model worker as an Electron utility process (Chromium's process model, crash reporting, no extra Node). */
const spawnUtilityWorker: SpawnWorker = (entry) => {
  const child = utilityProcess.fork(entry, [], { serviceName: 'Prismer Studio model worker', stdio: 'inherit' });
  let alive = true;
  child.on('exit', () => {
    alive = false;
  });
  return {
    pid: child.pid,
    send: (message) => {
      if (alive) child.postMessage(message);
    },
    onMessage: (listener) => void child.on('message', listener),
    onExit: (listener) => void child.on('exit', (code) => listener(code, null)),
    stop: () => {
      if (alive) child.postMessage(stopMessage);
    },
    kill: () => void child.kill(),
  };
};

const appOrigin = 'studio://app';
const csp = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' blob: data: studio-media:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
  "form-action 'none'",
].join('; ');

protocol.registerSchemesAsPrivileged([
  { scheme: 'studio', privileges: { standard: true, secure: true, supportFetchAPI: true } },
  // corsEnabled: the map viewer reads label-map pixels from canvases, which needs CORS from studio://app.
  { scheme: 'studio-media', privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true, corsEnabled: true } },
]);

let studio: Studio | null = null;

function notFound(): Response {
  return new Response('Not found', { status: 404 });
}

async function serveRenderer(request: Request): Promise<Response> {
  const url = new URL(request.url);
  const wanted = url.pathname === '/' ? '/index.html' : decodeURIComponent(url.pathname);
  const path = normalize(join(rendererBuildDir, wanted));
  const rel = relative(rendererBuildDir, path);
  if (url.host !== 'app' || rel.startsWith('..') || isAbsolute(rel)) return notFound();
  const file = await net.fetch(pathToFileURL(path).toString());
  // Custom-protocol responses skip webRequest hooks, so the CSP travels on the response itself.
  const headers = new Headers(file.headers);
  headers.set('content-security-policy', csp);
  headers.set('x-content-type-options', 'nosniff');
  return new Response(file.body, { status: file.status, headers });
}

async function serveMedia(request: Request): Promise<Response> {
  const route = mediaRoute(new URL(request.url).pathname);
  if (!route || !studio) return notFound();
  if (route.kind === 'map') {
    const path = studio.experts.mapFile(route.imageId, route.expert);
    if (!path) return notFound();
    const response = await net.fetch(pathToFileURL(path).toString());
    return new Response(response.body, {
      headers: { 'content-type': 'image/png', 'cache-control': 'private, no-cache', 'access-control-allow-origin': appOrigin },
    });
  }
  const id = route.imageId;
  const file = route.kind === 'thumb' ? await studio.media.thumbnail(id) : await studio.media.original(id);
  if (!file) return notFound();
  const response = await net.fetch(pathToFileURL(file.path).toString());
  return new Response(response.body, { headers: { 'content-type': file.contentType, 'cache-control': 'private, max-age=3600' } });
}

function createWindow(): BrowserWindow {
  const window = new BrowserWindow({
    width: 1440,
    height: 900,
    minWidth: 900,
    minHeight: 600,
    backgroundColor: '#1e1e1e',
    title: 'Prismer Studio',
    show: false,
    webPreferences: {
      preload: join(packageRoot, 'dist', 'preload', 'preload.js'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      spellcheck: false,
    },
  });
  window.once('ready-to-show', () => window.show());
  window.webContents.setWindowOpenHandler(({ url }) => {
    if (url.startsWith('https://')) void shell.openExternal(url);
    return { action: 'deny' };
  });
  window.webContents.on('will-navigate', (event, url) => {
    if (!url.startsWith(appOrigin)) event.preventDefault();
  });
  void window.loadURL(`${appOrigin}/index.html`);
  return window;
}

let lock: InstanceLock | null = null;

async function start(): Promise<void> {
  if (!app.requestSingleInstanceLock()) {
    // The running app gets 'second-instance' and comes to the front.
    app.exit(0);
    return;
  }
  app.on('second-instance', () => {
    const window = BrowserWindow.getAllWindows()[0];
    if (!window) return;
    if (window.isMinimized()) window.restore();
    window.focus();
  });
  await app.whenReady();
  const dataDir = process.env.PRISMER_STUDIO_HOME ?? defaultDataDir();
  makeFolderSync(dataDir, { what: 'the data folder' });
  const taken = acquireInstanceLock(dataDir, { shell: 'electron', database: dataPaths(dataDir).database, url: null });
  if (!taken.acquired) {
    dialog.showErrorBox('Prismer Studio is already running', alreadyRunningMessage(taken.owner, dataDir));
    if (taken.owner.url) void shell.openExternal(taken.owner.url);
    app.exit(0);
    return;
  }
  lock = taken.lock;
  process.on('exit', () => lock?.release());
  studio = openStudio({ dataDir, resumeJobs: true, spawnWorker: spawnUtilityWorker });
  const current = studio;

  session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [csp] } });
  });
  protocol.handle('studio', serveRenderer);
  protocol.handle('studio-media', serveMedia);

  const dispatch = createDispatcher(
    createHandlers(current, () => ({ ...baseAppInfo(current), shell: 'electron', mediaBase: 'studio-media://media' }), {
      pickFolder: async () => {
        const window = BrowserWindow.getFocusedWindow();
        const options = { title: 'Add a folder of photos', properties: ['openDirectory' as const] };
        const choice = window ? await dialog.showOpenDialog(window, options) : await dialog.showOpenDialog(options);
        return choice.canceled ? null : (choice.filePaths[0] ?? null);
      },
    }),
    (error) => console.error('[api]', error),
  );
  ipcMain.handle('studio:invoke', (event, message: unknown) => {
    // Only our own page may call the API (not a frame or a page navigated elsewhere).
    if (!event.senderFrame?.url.startsWith(`${appOrigin}/`)) {
      return { id: -1, ok: false, error: { code: 'forbidden', message: 'Not allowed from this page.' } };
    }
    return dispatch(message);
  });
  current.bus.onAny((name, payload) => {
    for (const window of BrowserWindow.getAllWindows()) window.webContents.send('studio:event', { event: name, payload });
  });

  createWindow();
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) createWindow();
  });
}

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});

let quitting = false;
app.on('before-quit', (event) => {
  if (quitting || !studio) return;
  // Let running jobs save their place before the process ends.
  event.preventDefault();
  quitting = true;
  void studio.close().finally(() => {
    lock?.release();
    app.quit();
  });
});

start().catch((error: unknown) => {
  console.error(error);
  dialog.showErrorBox('Prismer Studio could not start', error instanceof Error ? error.message : String(error));
  app.exit(1);
});
