// Specification of the contract's gate: every incoming message is validated before a handler runs.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { createDispatcher } from '../../../electron/api/dispatcher.ts';
import type { Handlers } from '../../../electron/api/contract.ts';
import { StudioError } from '../../../electron/api/protocol.ts';

function handlers(calls: unknown[]): Handlers {
  const record = (name: string) => (params: unknown) => {
    calls.push([name, params]);
    if (name === 'library.image') throw new StudioError('not-found', 'There is no image 7 in the library.');
    if (name === 'library.folders') throw new Error('database is locked');
    return { ok: name } as never;
  };
  return new Proxy({} as Handlers, { get: (_target, name) => record(String(name)) });
}

describe('dispatcher', () => {
  test('calls the handler with validated parameters and wraps the result', async () => {
    const calls: unknown[] = [];
    const dispatch = createDispatcher(handlers(calls));
    const reply = await dispatch({ id: 3, method: 'library.addFolder', params: { path: '/photos' } });
    assert.deepEqual(reply, { id: 3, ok: true, result: { ok: 'library.addFolder' } });
    assert.deepEqual(calls, [['library.addFolder', { path: '/photos' }]]);
  });

  test('refuses malformed messages, unknown methods and invalid parameters without calling anything', async () => {
    const calls: unknown[] = [];
    const dispatch = createDispatcher(handlers(calls));
    const cases: [unknown, string][] = [
      ['just a string', 'invalid-request'],
      [{ id: 1 }, 'invalid-request'],
      [{ id: 1, method: 'library.addFolder', params: {}, extra: true }, 'invalid-request'],
      [{ id: 1, method: 'fs.readFile', params: { path: '/etc/passwd' } }, 'unknown-method'],
      [{ id: 1, method: '__proto__', params: {} }, 'unknown-method'],
      [{ id: 1, method: 'library.addFolder', params: { path: 42 } }, 'invalid-params'],
      [{ id: 1, method: 'library.addFolder', params: { path: '/p', evil: 1 } }, 'invalid-params'],
      [{ id: 1, method: 'library.query', params: { query: {}, offset: -1, limit: 10 } }, 'invalid-params'],
      [{ id: 1, method: 'library.query', params: { query: {}, offset: 0, limit: 1e9 } }, 'invalid-params'],
      [{ id: 1, method: 'settings.set', params: { changes: { theme: 'neon' } } }, 'invalid-params'],
    ];
    for (const [message, code] of cases) {
      const reply = await dispatch(message);
      assert.equal(reply.ok, false, JSON.stringify(message));
      assert.equal(!reply.ok && reply.error.code, code, JSON.stringify(message));
    }
    assert.deepEqual(calls, []);
  });

  test('turns handler errors into error replies, keeping intentional codes', async () => {
    const internal: unknown[] = [];
    const dispatch = createDispatcher(handlers([]), (e) => internal.push(e));
    assert.deepEqual(await dispatch({ id: 1, method: 'library.image', params: { id: 7 } }), {
      id: 1,
      ok: false,
      error: { code: 'not-found', message: 'There is no image 7 in the library.' },
    });
    assert.deepEqual(await dispatch({ id: 2, method: 'library.folders', params: {} }), {
      id: 2,
      ok: false,
      error: { code: 'failed', message: 'database is locked' },
    });
    assert.equal(internal.length, 1, 'unexpected errors are logged');
  });
});
