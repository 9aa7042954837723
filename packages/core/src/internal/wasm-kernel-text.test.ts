import { describe, expect, it } from 'vitest';
import { boundaryKernelModuleBytes } from './wasm-boundary-kernel.js';
import boundaryKernelText from './wasm-boundary-kernel.wat?raw';
import { pairKernelModuleBytes, shortKernelModuleBytes } from './wasm-pair-kernel.js';
import pairKernelText from './wasm-pair-kernel.wat?raw';
import shortKernelText from './wasm-short-kernel.wat?raw';

/*
 * The WebAssembly kernels are emitted byte by byte in wasm-pair-kernel.ts and wasm-boundary-kernel.ts;
 * their text form lives beside them (wasm-pair-kernel.wat, wasm-short-kernel.wat,
 * wasm-boundary-kernel.wat). This test disassembles the emitted bytes and compares
 * them with the text files (comments and layout aside), so the two cannot drift apart. The text files
 * also assemble with wabt's `wat2wasm --enable-simd` to exactly the emitted bytes.
 */

/** Reads a module's bytes: LEB128 numbers, names, bytes. */
class Reader {
  pos = 0;
  constructor(readonly bytes: Uint8Array) {}
  byte(): number {
    const b = this.bytes[this.pos++];
    if (b === undefined) throw new Error('unexpected end of module');
    return b;
  }
  uleb(): number {
    let result = 0;
    let shift = 0;
    for (;;) {
      const b = this.byte();
      result += (b & 0x7f) * 2 ** shift;
      shift += 7;
      if ((b & 0x80) === 0) return result;
    }
  }
  sleb(): number {
    let result = 0;
    let shift = 0;
    let b: number;
    do {
      b = this.byte();
      result |= (b & 0x7f) << shift;
      shift += 7;
    } while (b & 0x80);
    return shift < 32 && b & 0x40 ? result | (-1 << shift) : result;
  }
  name(): string {
    const n = this.uleb();
    const start = this.pos;
    this.pos += n;
    return String.fromCharCode(...this.bytes.subarray(start, this.pos));
  }
}

const TYPES: Record<number, string> = { 127: 'i32', 126: 'i64', 123: 'v128' };
/** Plain opcodes: name and immediates ('local', 'label', 'i32', 'i64', 'mem N' with N the natural alignment). */
const OPS: Record<number, [string, string?]> = {
  12: ['br', 'label'],
  13: ['br_if', 'label'],
  16: ['call', 'local'],
  27: ['select'],
  32: ['local.get', 'local'],
  33: ['local.set', 'local'],
  34: ['local.tee', 'local'],
  40: ['i32.load', 'mem 2'],
  45: ['i32.load8_u', 'mem 0'],
  47: ['i32.load16_u', 'mem 1'],
  54: ['i32.store', 'mem 2'],
  65: ['i32.const', 'i32'],
  66: ['i64.const', 'i64'],
  69: ['i32.eqz'],
  70: ['i32.eq'],
  71: ['i32.ne'],
  72: ['i32.lt_s'],
  73: ['i32.lt_u'],
  74: ['i32.gt_s'],
  76: ['i32.le_s'],
  78: ['i32.ge_s'],
  79: ['i32.ge_u'],
  80: ['i64.eqz'],
  104: ['i32.ctz'],
  105: ['i32.popcnt'],
  106: ['i32.add'],
  107: ['i32.sub'],
  108: ['i32.mul'],
  110: ['i32.div_u'],
  113: ['i32.and'],
  114: ['i32.or'],
  115: ['i32.xor'],
  116: ['i32.shl'],
  118: ['i32.shr_u'],
  122: ['i64.ctz'],
  125: ['i64.sub'],
  131: ['i64.and'],
  132: ['i64.or'],
  133: ['i64.xor'],
  134: ['i64.shl'],
  167: ['i32.wrap_i64'],
  173: ['i64.extend_i32_u'],
};
const SIMD_OPS: Record<number, [string, string?]> = {
  0: ['v128.load', 'mem 4'],
  11: ['v128.store', 'mem 4'],
  13: ['i8x16.shuffle', 'lanes'],
  15: ['i8x16.splat'],
  16: ['i16x8.splat'],
  25: ['i16x8.extract_lane_u', 'lane'],
  35: ['i8x16.eq'],
  38: ['i8x16.lt_u'],
  44: ['i8x16.ge_u'],
  45: ['i16x8.eq'],
  78: ['v128.and'],
  82: ['v128.bitselect'],
  100: ['i8x16.bitmask'],
  112: ['i8x16.add_sat_u'],
  113: ['i8x16.sub'],
  132: ['i16x8.bitmask'],
};

function immediates(r: Reader, kind: string | undefined): string {
  if (kind === undefined) return '';
  if (kind === 'local' || kind === 'label' || kind === 'lane')
    return ` ${kind === 'lane' ? r.byte() : r.uleb()}`;
  if (kind === 'i32' || kind === 'i64') return ` ${r.sleb()}`;
  if (kind === 'lanes') return ` ${Array.from({ length: 16 }, () => r.byte()).join(' ')}`;
  const natural = Number(kind.slice(4));
  const align = r.uleb();
  const offset = r.uleb();
  return `${offset === 0 ? '' : ` offset=${offset}`}${align === natural ? '' : ` align=${2 ** align}`}`;
}

/** The text form of a kernel module (functions, one memory, exports), one instruction a line. */
function disassemble(bytes: Uint8Array): string {
  const r = new Reader(bytes);
  expect(Array.from(bytes.subarray(0, 8))).toEqual([0x00, 0x61, 0x73, 0x6d, 1, 0, 0, 0]);
  r.pos = 8;
  let memory = '';
  const exports: string[] = [];
  const types: string[] = [];
  const functionTypes: number[] = [];
  const bodies: string[][] = [];
  while (r.pos < bytes.length) {
    const id = r.byte();
    const end = r.uleb() + r.pos;
    if (id === 1) {
      const count = r.uleb();
      for (let t = 0; t < count; t++) {
        expect(r.byte()).toBe(0x60);
        const params = Array.from({ length: r.uleb() }, () => TYPES[r.byte()]!);
        const results = Array.from({ length: r.uleb() }, () => TYPES[r.byte()]!);
        types.push(
          `(param ${params.join(' ')})${results.length === 0 ? '' : ` (result ${results.join(' ')})`}`,
        );
      }
    } else if (id === 3) {
      const count = r.uleb();
      for (let f = 0; f < count; f++) functionTypes.push(r.uleb());
    } else if (id === 5) {
      expect(r.uleb()).toBe(1);
      const flags = r.byte();
      memory = flags === 1 ? `${r.uleb()} ${r.uleb()}` : `${r.uleb()}`;
    } else if (id === 7) {
      const n = r.uleb();
      for (let k = 0; k < n; k++) {
        const name = r.name();
        const kind = r.byte();
        exports.push(`  (export "${name}" (${kind === 2 ? 'memory' : 'func'} ${r.uleb()}))`);
      }
    } else if (id === 10) {
      expect(r.uleb()).toBe(functionTypes.length);
      for (let f = 0; f < functionTypes.length; f++) {
        const size = r.uleb();
        bodies.push(instructions(r, r.pos + size));
      }
    }
    r.pos = end;
  }
  const out: string[] = ['(module'];
  types.forEach((signature, t) => {
    out.push(`  (type (;${t};) (func ${signature}))`);
  });
  bodies.forEach((body, f) => {
    const t = functionTypes[f]!;
    out.push(`  (func (;${f};) (type ${t}) ${types[t]}`, ...body.map((line) => `    ${line}`));
    out[out.length - 1] += ')';
  });
  out.push(`  (memory (;0;) ${memory})`, ...exports);
  out[out.length - 1] += ')';
  return `${out.join('\n')}\n`;
}

function instructions(r: Reader, end: number): string[] {
  const lines: string[] = [];
  const locals: string[] = [];
  const groups = r.uleb();
  for (let k = 0; k < groups; k++) {
    const n = r.uleb();
    const type = TYPES[r.byte()]!;
    for (let j = 0; j < n; j++) locals.push(type);
  }
  if (locals.length > 0) lines.push(`(local ${locals.join(' ')})`);
  let depth = 0;
  while (r.pos < end) {
    const op = r.byte();
    const indent = '  '.repeat(depth);
    if (op === 0x02 || op === 0x03 || op === 0x04) {
      expect(r.byte()).toBe(0x40);
      lines.push(`${indent}${op === 0x02 ? 'block' : op === 0x03 ? 'loop' : 'if'}`);
      depth++;
    } else if (op === 0x05) {
      lines.push(`${'  '.repeat(depth - 1)}else`);
    } else if (op === 0x0b) {
      if (depth === 0) {
        expect(r.pos).toBe(end);
        break;
      }
      depth--;
      lines.push(`${'  '.repeat(depth)}end`);
    } else if (op === 0xfc) {
      expect(r.uleb()).toBe(10);
      expect([r.byte(), r.byte()]).toEqual([0, 0]);
      lines.push(`${indent}memory.copy`);
    } else if (op === 0xfd) {
      const simd = r.uleb();
      const entry = SIMD_OPS[simd];
      if (entry === undefined) throw new Error(`unknown SIMD opcode 0xfd ${simd}`);
      lines.push(`${indent}${entry[0]}${immediates(r, entry[1])}`);
    } else {
      const entry = OPS[op];
      if (entry === undefined) throw new Error(`unknown opcode 0x${op.toString(16)}`);
      lines.push(`${indent}${entry[0]}${immediates(r, entry[1])}`);
    }
  }
  return lines;
}

/** The text without comments (`;; …` to the end of the line, `(; … ;)`) and with single spaces. */
function normalise(text: string): string {
  return text
    .replace(/\(;[\s\S]*?;\)/g, ' ')
    .replace(/;;[^\n]*/g, ' ')
    .replace(/\s+/g, ' ')
    .replace(/\( /g, '(')
    .replace(/ \)/g, ')')
    .trim();
}

describe('wasm-pair-kernel.wat', () => {
  it('is the text form of the bytes pairKernelModuleBytes emits', () => {
    expect(normalise(pairKernelText)).toBe(normalise(disassemble(pairKernelModuleBytes())));
  });
});

describe('wasm-short-kernel.wat', () => {
  it('is the text form of the bytes shortKernelModuleBytes emits', () => {
    expect(normalise(shortKernelText)).toBe(normalise(disassemble(shortKernelModuleBytes())));
  });
});

describe('wasm-boundary-kernel.wat', () => {
  it('is the text form of the bytes boundaryKernelModuleBytes emits', () => {
    expect(normalise(boundaryKernelText)).toBe(normalise(disassemble(boundaryKernelModuleBytes())));
  });
});
