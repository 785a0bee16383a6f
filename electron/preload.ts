// The Electron preload: exposes `window.studio` (invoke + on) to the sandboxed renderer and nothing
// else — no ipcRenderer, no Node. Compiled to CommonJS (sandboxed preloads cannot be ES modules), so it
// imports nothing of ours; main validates every message against the contract anyway. `invoke` resolves
// with the reply envelope ({ok, result} or {ok: false, error}) because the context bridge drops custom
// properties of thrown errors (the error code); the renderer's client unwraps it.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';

interface Reply {
  id: number;
  ok: boolean;
  result?: unknown;
  error?: { code: string; message: string };
}

let nextId = 1;
const listeners = new Map<string, Set<(payload: unknown) => void>>();

ipcRenderer.on('studio:event', (_event: IpcRendererEvent, message: { event: string; payload: unknown }) => {
  for (const listener of listeners.get(message.event) ?? []) listener(message.payload);
});

contextBridge.exposeInMainWorld('studio', {
  async invoke(method: string, params: unknown): Promise<Reply> {
    if (typeof method !== 'string') throw new TypeError('method must be a string');
    return (await ipcRenderer.invoke('studio:invoke', { id: nextId++, method, params })) as Reply;
  },
  on(event: string, listener: (payload: unknown) => void): () => void {
    if (typeof listener !== 'function') throw new TypeError('listener must be a function');
    const set = listeners.get(event) ?? new Set();
    set.add(listener);
    listeners.set(event, set);
    return () => set.delete(listener);
  },
});
