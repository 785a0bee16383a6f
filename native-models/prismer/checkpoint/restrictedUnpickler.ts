// A pickle interpreter that never runs code: it builds plain values (None → null, ints → number or bigint,
// str → string, bytes → Uint8Array, list → array, tuple → frozen array, dict → Map, set → Set) and resolves
// a global only when the caller's allow-list names it; calling it (REDUCE / NEWOBJ) or restoring state on
// what it made (BUILD) runs the caller's handler, never Python. Anything else — an unknown global, INST/OBJ,
// extension codes, out-of-band buffers — is refused with the global or opcode named, before it is used.
// Every read is bounds-checked; a truncated or corrupt pickle gives an UnpicklingError.

/** How one allowed global behaves. A global without handlers may only be referenced (e.g. a storage type). */
export interface AllowedGlobal {
  /** REDUCE: `global(*args)`. */
  call?(args: readonly unknown[]): unknown;
  /** NEWOBJ / NEWOBJ_EX: `cls.__new__(cls, *args, **kwargs)`. */
  construct?(args: readonly unknown[], kwargs: ReadonlyMap<unknown, unknown>): unknown;
  /** BUILD on an object this global made: `obj.__setstate__(state)`; returns the (possibly new) object. */
  setState?(target: unknown, state: unknown): unknown;
}

/** Allowed globals by their dotted name, e.g. `collections.OrderedDict`. */
export type AllowList = ReadonlyMap<string, AllowedGlobal>;

export interface UnpickleOptions {
  readonly globals: AllowList;
  /** Resolves BINPERSID / PERSID records; without it, persistent ids are refused. */
  readonly persistentLoad?: (pid: unknown) => unknown;
  /** Names the pickle in error messages. */
  readonly label?: string;
}

/** A resolved, allowed global, as it sits on the stack. */
export class PickleGlobal {
  readonly module: string;
  readonly name: string;
  readonly behaviour: AllowedGlobal;
  constructor(module: string, name: string, behaviour: AllowedGlobal) {
    this.module = module;
    this.name = name;
    this.behaviour = behaviour;
  }
  get dotted(): string {
    return `${this.module}.${this.name}`;
  }
}

export class UnpicklingError extends Error {
  override name = 'UnpicklingError';
}

export const isTuple = (value: unknown): value is readonly unknown[] => Array.isArray(value) && Object.isFrozen(value);

const tuple = (items: unknown[]): readonly unknown[] => Object.freeze(items);

const OPCODE_NAMES: Record<number, string> = {
  0x28: 'MARK', 0x2e: 'STOP', 0x30: 'POP', 0x31: 'POP_MARK', 0x32: 'DUP', 0x46: 'FLOAT', 0x49: 'INT', 0x4a: 'BININT',
  0x4b: 'BININT1', 0x4c: 'LONG', 0x4d: 'BININT2', 0x4e: 'NONE', 0x50: 'PERSID', 0x51: 'BINPERSID', 0x52: 'REDUCE',
  0x53: 'STRING', 0x54: 'BINSTRING', 0x55: 'SHORT_BINSTRING', 0x56: 'UNICODE', 0x58: 'BINUNICODE', 0x61: 'APPEND',
  0x62: 'BUILD', 0x63: 'GLOBAL', 0x64: 'DICT', 0x7d: 'EMPTY_DICT', 0x65: 'APPENDS', 0x67: 'GET', 0x68: 'BINGET',
  0x69: 'INST', 0x6a: 'LONG_BINGET', 0x6c: 'LIST', 0x5d: 'EMPTY_LIST', 0x6f: 'OBJ', 0x70: 'PUT', 0x71: 'BINPUT',
  0x72: 'LONG_BINPUT', 0x73: 'SETITEM', 0x74: 'TUPLE', 0x29: 'EMPTY_TUPLE', 0x75: 'SETITEMS', 0x47: 'BINFLOAT',
  0x80: 'PROTO', 0x81: 'NEWOBJ', 0x82: 'EXT1', 0x83: 'EXT2', 0x84: 'EXT4', 0x85: 'TUPLE1', 0x86: 'TUPLE2',
  0x87: 'TUPLE3', 0x88: 'NEWTRUE', 0x89: 'NEWFALSE', 0x8a: 'LONG1', 0x8b: 'LONG4', 0x42: 'BINBYTES',
  0x43: 'SHORT_BINBYTES', 0x8c: 'SHORT_BINUNICODE', 0x8d: 'BINUNICODE8', 0x8e: 'BINBYTES8', 0x8f: 'EMPTY_SET',
  0x90: 'ADDITEMS', 0x91: 'FROZENSET', 0x92: 'NEWOBJ_EX', 0x93: 'STACK_GLOBAL', 0x94: 'MEMOIZE', 0x95: 'FRAME',
  0x96: 'BYTEARRAY8', 0x97: 'NEXT_BUFFER', 0x98: 'READONLY_BUFFER',
};

const REFUSED: Record<string, string> = {
  INST: 'it instantiates an arbitrary class',
  OBJ: 'it instantiates an arbitrary class',
  EXT1: 'extension-registry globals are not allowed',
  EXT2: 'extension-registry globals are not allowed',
  EXT4: 'extension-registry globals are not allowed',
  NEXT_BUFFER: 'out-of-band buffers are not supported',
  READONLY_BUFFER: 'out-of-band buffers are not supported',
  STRING: 'protocol-0 quoted strings are not supported',
  UNICODE: 'protocol-0 raw-unicode strings are not supported',
};

const MAX_LONG_BYTES = 1024;
const utf8 = new TextDecoder('utf-8', { fatal: true });

export function unpickle(bytes: Uint8Array, options: UnpickleOptions): unknown {
  const label = options.label ?? 'pickle';
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const made = new WeakMap<object, PickleGlobal>(); // objects produced by an allowed global, for BUILD
  const memo = new Map<number, unknown>();
  const metastack: unknown[][] = [];
  let stack: unknown[] = [];
  let pos = 0;
  let opStart = 0;
  let opName = '';

  const fail = (message: string): never => {
    throw new UnpicklingError(`${label}: ${message} (opcode ${opName || '?'} at byte ${opStart})`);
  };
  const need = (n: number): number => {
    if (n < 0 || pos + n > bytes.length) fail(`truncated: needs ${n} more bytes, ${bytes.length - pos} left`);
    const at = pos;
    pos += n;
    return at;
  };
  const u8 = () => bytes[need(1)]!;
  const u16 = () => view.getUint16(need(2), true);
  const u32 = () => view.getUint32(need(4), true);
  const u64 = (): number => {
    const value = view.getBigUint64(need(8), true);
    if (value > BigInt(bytes.length)) fail(`truncated: a length of ${value} bytes runs past the end`);
    return Number(value);
  };
  const take = (n: number): Uint8Array => {
    const at = need(n);
    // A copy-safe view: callers .slice() it, and Buffer#slice (unlike Uint8Array#slice) does not copy.
    return Uint8Array.prototype.subarray.call(bytes, at, at + n) as Uint8Array;
  };
  const line = (): string => {
    const end = bytes.indexOf(0x0a, pos);
    if (end < 0) fail('truncated: a text argument has no end of line');
    const text = Buffer.from(bytes.subarray(pos, end)).toString('latin1');
    pos = end + 1;
    return text;
  };
  const text = (n: number): string => {
    try {
      return utf8.decode(take(n));
    } catch (error) {
      if (error instanceof UnpicklingError) throw error;
      return fail('a string is not valid UTF-8');
    }
  };
  const pop = (): unknown => {
    if (stack.length === 0) fail('stack underflow (corrupt pickle)');
    return stack.pop();
  };
  const top = (): unknown => {
    if (stack.length === 0) fail('stack underflow (corrupt pickle)');
    return stack[stack.length - 1];
  };
  const popMark = (): unknown[] => {
    const items = stack;
    const previous = metastack.pop();
    if (!previous) fail('no MARK to pop to (corrupt pickle)');
    stack = previous!;
    return items;
  };
  const memoGet = (key: number): unknown => {
    if (!memo.has(key)) fail(`memo entry ${key} is missing (corrupt pickle)`);
    return memo.get(key);
  };
  const smallInt = (value: bigint): number | bigint =>
    value >= BigInt(Number.MIN_SAFE_INTEGER) && value <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(value) : value;
  const long = (n: number): number | bigint => {
    if (n > MAX_LONG_BYTES) fail(`a ${n}-byte integer is too large`);
    const raw = take(n);
    let value = 0n;
    for (let i = n - 1; i >= 0; i--) value = (value << 8n) | BigInt(raw[i]!);
    if (n > 0 && raw[n - 1]! & 0x80) value -= 1n << BigInt(8 * n);
    return smallInt(value);
  };
  const resolve = (module: string, name: string): PickleGlobal => {
    const dotted = `${module}.${name}`;
    const behaviour = options.globals.get(dotted);
    if (!behaviour) fail(`refused: global ${dotted} is not on the allow-list`);
    return new PickleGlobal(module, name, behaviour!);
  };
  // Handler errors (a malformed tensor record, a refused storage type) come back as UnpicklingErrors too.
  const handle = <T>(action: () => T): T => {
    try {
      return action();
    } catch (error) {
      if (error instanceof UnpicklingError) throw error;
      return fail(error instanceof Error ? error.message : String(error));
    }
  };
  const asGlobal = (value: unknown, action: string): PickleGlobal => {
    if (!(value instanceof PickleGlobal)) fail(`refused: ${action} on a ${describe(value)}, not an allowed global`);
    return value as PickleGlobal;
  };
  const remember = (value: unknown, global: PickleGlobal): unknown => {
    if (typeof value === 'object' && value !== null) made.set(value, global);
    return value;
  };
  const setItems = (target: unknown, items: unknown[]): void => {
    if (!(target instanceof Map)) fail(`SETITEM(S) on a ${describe(target)}, not a dict`);
    if (items.length % 2) fail('SETITEMS with an odd number of items');
    for (let i = 0; i < items.length; i += 2) (target as Map<unknown, unknown>).set(items[i], items[i + 1]);
  };
  const appendItems = (target: unknown, items: unknown[]): void => {
    if (!Array.isArray(target) || Object.isFrozen(target)) fail(`APPEND(S) on a ${describe(target)}, not a list`);
    (target as unknown[]).push(...items);
  };

  while (pos < bytes.length) {
    opStart = pos;
    const op = bytes[pos++]!;
    opName = OPCODE_NAMES[op] ?? `0x${op.toString(16).padStart(2, '0')}`;
    switch (op) {
      case 0x80: { // PROTO
        const protocol = u8();
        if (protocol > 5) fail(`pickle protocol ${protocol} is newer than 5`);
        break;
      }
      case 0x95: u64(); break; // FRAME: a length hint only
      case 0x2e: return pop(); // STOP
      case 0x28: metastack.push(stack); stack = []; break; // MARK
      case 0x30: pop(); break; // POP
      case 0x31: popMark(); break; // POP_MARK
      case 0x32: stack.push(top()); break; // DUP
      case 0x4e: stack.push(null); break; // NONE
      case 0x88: stack.push(true); break; // NEWTRUE
      case 0x89: stack.push(false); break; // NEWFALSE
      case 0x4a: stack.push(view.getInt32(need(4), true)); break; // BININT
      case 0x4b: stack.push(u8()); break; // BININT1
      case 0x4d: stack.push(u16()); break; // BININT2
      case 0x8a: stack.push(long(u8())); break; // LONG1
      case 0x8b: stack.push(long(view.getInt32(need(4), true))); break; // LONG4
      case 0x49: { // INT (text)
        const value = line();
        if (value === '01' || value === '00') stack.push(value === '01');
        else if (/^[-+]?\d+$/.test(value) && value.length <= 40) stack.push(smallInt(BigInt(value)));
        else fail(`INT argument "${value.slice(0, 40)}" is not an integer`);
        break;
      }
      case 0x4c: { // LONG (text)
        const value = line().replace(/L$/, '');
        if (!/^[-+]?\d+$/.test(value) || value.length > 2 * MAX_LONG_BYTES) fail(`LONG argument "${value.slice(0, 40)}" is not an integer`);
        stack.push(smallInt(BigInt(value)));
        break;
      }
      case 0x47: stack.push(view.getFloat64(need(8), false)); break; // BINFLOAT (big-endian)
      case 0x46: { // FLOAT (text)
        const value = line();
        const number = Number(value);
        if (value.trim() === '' || (Number.isNaN(number) && !/^[-+]?nan$/i.test(value))) fail(`FLOAT argument "${value.slice(0, 40)}" is not a number`);
        stack.push(number);
        break;
      }
      case 0x58: stack.push(text(u32())); break; // BINUNICODE
      case 0x8c: stack.push(text(u8())); break; // SHORT_BINUNICODE
      case 0x8d: stack.push(text(u64())); break; // BINUNICODE8
      case 0x42: stack.push(Uint8Array.prototype.slice.call(take(u32()))); break; // BINBYTES
      case 0x43: stack.push(Uint8Array.prototype.slice.call(take(u8()))); break; // SHORT_BINBYTES
      case 0x8e: stack.push(Uint8Array.prototype.slice.call(take(u64()))); break; // BINBYTES8
      case 0x96: stack.push(Uint8Array.prototype.slice.call(take(u64()))); break; // BYTEARRAY8
      case 0x54: stack.push(Uint8Array.prototype.slice.call(take(view.getInt32(need(4), true)))); break; // BINSTRING (Python 2 str: bytes)
      case 0x55: stack.push(Uint8Array.prototype.slice.call(take(u8()))); break; // SHORT_BINSTRING
      case 0x29: stack.push(tuple([])); break; // EMPTY_TUPLE
      case 0x74: { const items = popMark(); stack.push(tuple(items)); break; } // TUPLE
      case 0x85: stack.push(tuple([pop()])); break; // TUPLE1
      case 0x86: { const b = pop(); const a = pop(); stack.push(tuple([a, b])); break; } // TUPLE2
      case 0x87: { const c = pop(); const b = pop(); const a = pop(); stack.push(tuple([a, b, c])); break; } // TUPLE3
      case 0x5d: stack.push([]); break; // EMPTY_LIST
      case 0x6c: { const items = popMark(); stack.push(items); break; } // LIST
      case 0x61: { const item = pop(); appendItems(top(), [item]); break; } // APPEND
      case 0x65: { const items = popMark(); appendItems(top(), items); break; } // APPENDS
      case 0x7d: stack.push(new Map()); break; // EMPTY_DICT
      case 0x64: { const items = popMark(); const dict = new Map(); setItems(dict, items); stack.push(dict); break; } // DICT
      case 0x73: { const value = pop(); const key = pop(); setItems(top(), [key, value]); break; } // SETITEM
      case 0x75: { const items = popMark(); setItems(top(), items); break; } // SETITEMS
      case 0x8f: stack.push(new Set()); break; // EMPTY_SET
      case 0x90: { // ADDITEMS
        const items = popMark();
        const target = top();
        if (!(target instanceof Set)) fail(`ADDITEMS on a ${describe(target)}, not a set`);
        for (const item of items) (target as Set<unknown>).add(item);
        break;
      }
      case 0x91: { const items = popMark(); stack.push(new Set(items)); break; } // FROZENSET
      case 0x67: stack.push(memoGet(Number(line()))); break; // GET
      case 0x68: stack.push(memoGet(u8())); break; // BINGET
      case 0x6a: stack.push(memoGet(u32())); break; // LONG_BINGET
      case 0x70: { // PUT
        const key = line();
        if (!/^\d+$/.test(key)) fail(`PUT key "${key.slice(0, 20)}" is not a number`);
        memo.set(Number(key), top());
        break;
      }
      case 0x71: memo.set(u8(), top()); break; // BINPUT
      case 0x72: memo.set(u32(), top()); break; // LONG_BINPUT
      case 0x94: memo.set(memo.size, top()); break; // MEMOIZE
      case 0x63: { // GLOBAL
        const module = line();
        const name = line();
        stack.push(resolve(module, name));
        break;
      }
      case 0x93: { // STACK_GLOBAL
        const name = pop();
        const module = pop();
        if (typeof module !== 'string' || typeof name !== 'string') fail('STACK_GLOBAL needs two strings');
        stack.push(resolve(module as string, name as string));
        break;
      }
      case 0x52: { // REDUCE
        const args = pop();
        const global = asGlobal(pop(), 'REDUCE (a call)');
        if (!isTuple(args)) fail(`REDUCE of ${global.dotted} with ${describe(args)} arguments, not a tuple`);
        if (!global.behaviour.call) fail(`refused: global ${global.dotted} may not be called`);
        stack.push(remember(handle(() => global.behaviour.call!(args as readonly unknown[])), global));
        break;
      }
      case 0x81: // NEWOBJ
      case 0x92: { // NEWOBJ_EX
        const kwargs = op === 0x92 ? pop() : new Map();
        const args = pop();
        const global = asGlobal(pop(), `${opName} (instantiation)`);
        if (!isTuple(args) || !(kwargs instanceof Map)) fail(`${opName} of ${global.dotted} with malformed arguments`);
        if (!global.behaviour.construct) fail(`refused: global ${global.dotted} may not be instantiated`);
        stack.push(remember(handle(() => global.behaviour.construct!(args as readonly unknown[], kwargs as Map<unknown, unknown>)), global));
        break;
      }
      case 0x62: { // BUILD
        const state = pop();
        const target = pop();
        const global = typeof target === 'object' && target !== null ? made.get(target) : undefined;
        if (!global?.behaviour.setState) fail(`refused: BUILD (set state) on ${global ? global.dotted : `a ${describe(target)}`} is not allowed`);
        stack.push(remember(handle(() => global!.behaviour.setState!(target, state)), global!));
        break;
      }
      case 0x51: { // BINPERSID
        const pid = pop();
        if (!options.persistentLoad) fail('refused: persistent ids are not expected here');
        stack.push(handle(() => options.persistentLoad!(pid)));
        break;
      }
      case 0x50: { // PERSID
        const pid = line();
        if (!options.persistentLoad) fail('refused: persistent ids are not expected here');
        stack.push(handle(() => options.persistentLoad!(pid)));
        break;
      }
      default: {
        const reason = REFUSED[opName];
        fail(reason ? `refused: opcode ${opName}: ${reason}` : `unknown opcode ${opName} (corrupt pickle or not a pickle)`);
      }
    }
  }
  return fail('truncated: the pickle ends without a STOP opcode');
}

function describe(value: unknown): string {
  if (value === null) return 'None';
  if (value instanceof PickleGlobal) return `global ${value.dotted}`;
  if (value instanceof Map) return 'dict';
  if (value instanceof Set) return 'set';
  if (value instanceof Uint8Array) return 'bytes';
  if (Array.isArray(value)) return Object.isFrozen(value) ? 'tuple' : 'list';
  return typeof value === 'object' ? (value.constructor?.name ?? 'object') : typeof value;
}
