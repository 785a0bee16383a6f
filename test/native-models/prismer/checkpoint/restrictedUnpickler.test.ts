// Specification of the restricted unpickler: it builds plain values, resolves only allow-listed globals,
// refuses everything that could run code (naming the global or opcode) and fails cleanly on bad input.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { isTuple, unpickle, UnpicklingError, type AllowList } from '../../../../native-models/prismer/checkpoint/restrictedUnpickler.ts';
import { torchPersistentLoad, torchStateDictGlobals } from '../../../../native-models/prismer/checkpoint/torchCheckpoint.ts';
import { stateDictPickle } from './fixtures.ts';

const none: AllowList = new Map();
const bytes = (...parts: (number | string)[]) =>
  Uint8Array.from(parts.flatMap((p) => (typeof p === 'string' ? [...Buffer.from(p, 'latin1')] : [p])));

describe('unpickle', () => {
  test('builds dicts, lists, tuples, strings, ints, floats, booleans and None', () => {
    // {'a': [1, -2, 300, 70000, 2**70], 'b': (1.5, False, None), 'c': b'xy'}, protocol 2, written by hand
    const pickle = bytes(
      0x80, 2, 0x7d, 0x71, 0, 0x28,
      0x58, 1, 0, 0, 0, 'a', 0x5d, 0x28, 0x4b, 1, 0x4a, 0xfe, 0xff, 0xff, 0xff, 0x4d, 0x2c, 0x01, 0x4a, 0x70, 0x11, 0x01, 0x00,
      0x8a, 9, 0, 0, 0, 0, 0, 0, 0, 0, 0x40, 0x65,
      0x8c, 1, 'b', 0x47, 0x3f, 0xf8, 0, 0, 0, 0, 0, 0, 0x89, 0x4e, 0x87,
      0x8c, 1, 'c', 0x43, 2, 'xy',
      0x75, 0x2e,
    );
    const value = unpickle(pickle, { globals: none }) as Map<string, unknown>;
    assert.ok(value instanceof Map);
    assert.deepEqual([...value.keys()], ['a', 'b', 'c']);
    assert.deepEqual(value.get('a'), [1, -2, 300, 70000, 2n ** 70n]);
    assert.ok(!isTuple(value.get('a')));
    const b = value.get('b') as readonly unknown[];
    assert.ok(isTuple(b));
    assert.deepEqual(b, [1.5, false, null]);
    assert.deepEqual(value.get('c'), Uint8Array.from([0x78, 0x79]));
  });

  test('memo entries are shared references, as in Python', () => {
    // l = []; (l, l)
    const value = unpickle(bytes(0x80, 2, 0x5d, 0x71, 7, 0x68, 7, 0x86, 0x2e), { globals: none }) as unknown[][];
    assert.equal(value[0], value[1]);
  });

  test('reads a torch state dict with the torch allow-list', () => {
    const pickle = stateDictPickle([{ name: 'w', storageType: 'HalfStorage', key: '3', numel: 6, offset: 2, shape: [2, 2], strides: [1, 2] }]);
    const dict = unpickle(pickle, { globals: torchStateDictGlobals, persistentLoad: torchPersistentLoad }) as Map<string, unknown>;
    assert.deepEqual(dict.get('w'), {
      kind: 'tensor',
      storage: { kind: 'storage', dtype: 'F16', key: '3', location: 'cpu', numel: 6 },
      storageOffset: 2,
      shape: [2, 2],
      strides: [1, 2],
    });
  });

  test('another caller passes its own globals and reducers', () => {
    const seen: unknown[] = [];
    const globals: AllowList = new Map([['numpy.frombuffer_like', { call: (args: readonly unknown[]) => (seen.push(args), { made: args[0] }), setState: (t: unknown, s: unknown) => ({ ...(t as object), state: s }) }]]);
    // numpy.frombuffer_like(7) then BUILD with 'x'
    const value = unpickle(bytes(0x80, 2, 'c', 'numpy\nfrombuffer_like\n', 0x4b, 7, 0x85, 0x52, 0x8c, 1, 'x', 0x62, 0x2e), { globals });
    assert.deepEqual(value, { made: 7, state: 'x' });
    assert.equal(seen.length, 1);
  });
});

describe('unpickle refuses what could run code', () => {
  const refuses = (pickle: Uint8Array, pattern: RegExp, globals: AllowList = torchStateDictGlobals) =>
    assert.throws(() => unpickle(pickle, { globals, persistentLoad: torchPersistentLoad }), (error: Error) => error instanceof UnpicklingError && pattern.test(error.message));

  test('GLOBAL os.system + REDUCE is refused at the GLOBAL, before the call', () => {
    refuses(bytes(0x80, 2, 'c', 'os\nsystem\n', 0x8c, 4, 'echo', 0x85, 0x52, 0x2e), /refused: global os\.system is not on the allow-list.*GLOBAL at byte 2/);
  });

  test('STACK_GLOBAL builtins.eval is refused', () => {
    refuses(bytes(0x80, 4, 0x8c, 8, 'builtins', 0x8c, 4, 'eval', 0x93, 0x8c, 1, '1', 0x85, 0x52, 0x2e), /global builtins\.eval/);
  });

  test('a posix.system hidden inside a state dict is refused', () => {
    const good = stateDictPickle([{ name: 'w', storageType: 'FloatStorage', key: '0', numel: 1, shape: [1] }]);
    const evil = bytes(0x80, 2, 0x7d, 0x28, 0x8c, 1, 'x', 'c', 'posix\nsystem\n', 0x8c, 2, 'id', 0x85, 0x52, 0x75, 0x2e);
    assert.doesNotThrow(() => unpickle(good, { globals: torchStateDictGlobals, persistentLoad: torchPersistentLoad }));
    refuses(evil, /posix\.system/);
  });

  test('INST, OBJ and extension codes are refused by name', () => {
    refuses(bytes('(', 'i', 'os\nsystem\n', '.'), /opcode INST/);
    refuses(bytes(0x80, 2, '(', 0x4e, 'o', '.'), /opcode OBJ/);
    refuses(bytes(0x80, 2, 0x82, 1, '.'), /opcode EXT1/);
  });

  test('calling an allowed global that is only a type is refused', () => {
    refuses(bytes(0x80, 2, 'c', 'torch\nFloatStorage\n', ')', 'R', '.'), /torch\.FloatStorage may not be called/);
  });

  test('BUILD on something no allowed global made is refused', () => {
    refuses(bytes(0x80, 2, ']', '}', 'b', '.'), /BUILD \(set state\) on a list/);
  });

  test('a persistent id that is not a known storage is refused', () => {
    refuses(bytes(0x80, 2, 0x8c, 3, 'abc', 0x51, '.'), /refused: a persistent id/);
    assert.throws(() => unpickle(bytes(0x80, 2, 0x4e, 0x51, '.'), { globals: none }), /persistent ids are not expected/);
  });
});

describe('unpickle fails cleanly on bad input', () => {
  const pickle = stateDictPickle([
    { name: 'a', storageType: 'FloatStorage', key: '0', numel: 4, shape: [2, 2] },
    { name: 'b', storageType: 'LongStorage', key: '1', numel: 1, shape: [] },
  ]);

  test('every truncation of a state-dict pickle gives an UnpicklingError', () => {
    for (let length = 0; length < pickle.length; length++) {
      assert.throws(
        () => unpickle(pickle.subarray(0, length), { globals: torchStateDictGlobals, persistentLoad: torchPersistentLoad }),
        (error: Error) => error instanceof UnpicklingError,
        `length ${length}`,
      );
    }
  });

  test('a truncated pickle says so', () => {
    assert.throws(() => unpickle(pickle.subarray(0, 20), { globals: torchStateDictGlobals, persistentLoad: torchPersistentLoad }), /truncated/);
  });

  test('random bytes never crash or hang: an error or a value, quickly', () => {
    let seed = 1;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const started = Date.now();
    for (let round = 0; round < 2000; round++) {
      const junk = Uint8Array.from({ length: 1 + Math.floor(random() * 64) }, () => Math.floor(random() * 256));
      try {
        unpickle(junk, { globals: torchStateDictGlobals, persistentLoad: torchPersistentLoad });
      } catch (error) {
        assert.ok(error instanceof UnpicklingError, String(error));
      }
    }
    assert.ok(Date.now() - started < 5000);
  });

  test('a memo reference to nothing is reported', () => {
    assert.throws(() => unpickle(bytes(0x80, 2, 0x68, 9, '.'), { globals: none }), /memo entry 9 is missing/);
  });
});
