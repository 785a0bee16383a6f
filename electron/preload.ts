// The Electron preload: exposes `window.studio` (invoke + on) to the sandboxed renderer and nothing
// else — no ipcRenderer, no Node. Compiled to CommonJS (sandboxed preloads cannot be ES modules), so it
// imports nothing of ours; main validates every message against the contract anyway.
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
  async invoke(method: string, params: unknown): Promise<unknown> {
    if (typeof method !== 'string') throw new TypeError('method must be a string');
    const reply = (await ipcRenderer.invoke('studio:invoke', { id: nextId++, method, params })) as Reply;
    if (reply.ok) return reply.result;
    const error = new Error(reply.error?.message ?? 'Failed.');
    (error as Error & { code?: string }).code = reply.error?.code ?? 'failed';
    throw error;
  },
  on(event: string, listener: (payload: unknown) => void): () => void {
    if (typeof listener !== 'function') throw new TypeError('listener must be a function');
    const set = listeners.get(event) ?? new Set();
    set.add(listener);
    listeners.set(event, set);
    return () => set.delete(listener);
  },
});
