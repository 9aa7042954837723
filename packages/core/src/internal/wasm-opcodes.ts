/*
 * WebAssembly opcodes used by the emitted kernels (wasm-pair-kernel.ts, wasm-boundary-kernel.ts), from
 * the WebAssembly core specification 2.0 (§5.4) and its SIMD and bulk-memory extensions. Byte values
 * only: each kernel appends its own immediates (memargs, lane indices).
 */

// value and block types
export const I32 = 0x7f;
export const I64 = 0x7e;
export const V128 = 0x7b;
export const VOID = 0x40;

// control
export const BLOCK = 0x02;
export const LOOP = 0x03;
export const IF = 0x04;
export const ELSE = 0x05;
export const END = 0x0b;
export const BR = 0x0c;
export const BR_IF = 0x0d;
export const CALL = 0x10;
export const SELECT = 0x1b;

// locals and memory
export const GET = 0x20;
export const SET = 0x21;
export const TEE = 0x22;
export const I32_LOAD = 0x28;
export const I32_LOAD8_U = 0x2d;
export const I32_STORE = 0x36;
export const I32_CONST = 0x41;
export const I64_CONST = 0x42;

// i32 arithmetic and comparisons
export const I32_EQZ = 0x45;
export const I32_EQ = 0x46;
export const I32_NE = 0x47;
export const I32_LT_S = 0x48;
export const I32_LT_U = 0x49;
export const I32_GT_S = 0x4a;
export const I32_LE_S = 0x4c;
export const I32_GE_S = 0x4e;
export const I32_GE_U = 0x4f;
export const I32_CTZ = 0x68;
export const I32_POPCNT = 0x69;
export const I32_ADD = 0x6a;
export const I32_SUB = 0x6b;
export const I32_MUL = 0x6c;
export const I32_DIV_U = 0x6e;
export const I32_AND = 0x71;
export const I32_OR = 0x72;
export const I32_XOR = 0x73;
export const I32_SHL = 0x74;

// i64 arithmetic and conversions
export const I64_EQZ = 0x50;
export const I64_CTZ = 0x7a;
export const I64_SUB = 0x7d;
export const I64_AND = 0x83;
export const I64_OR = 0x84;
export const I64_XOR = 0x85;
export const I64_SHL = 0x86;
export const I32_WRAP_I64 = 0xa7;
export const I64_EXTEND_I32_U = 0xad;

// bulk memory: memory.copy from memory 0 to memory 0
export const MEMORY_COPY = [0xfc, 10, 0, 0];

// SIMD (prefix 0xfd), without their memarg or lane immediates
export const SIMD = 0xfd;
export const V128_LOAD = [SIMD, 0x00];
export const V128_STORE = [SIMD, 0x0b];
export const I8X16_SHUFFLE = [SIMD, 0x0d];
export const I8X16_SPLAT = [SIMD, 0x0f];
export const I16X8_EXTRACT_LANE_U = [SIMD, 0x19];
export const I8X16_EQ = [SIMD, 0x23];
export const I8X16_LT_U = [SIMD, 0x26];
export const I8X16_GE_U = [SIMD, 0x2c];
export const V128_AND = [SIMD, 0x4e];
export const V128_BITSELECT = [SIMD, 0x52];
export const I8X16_BITMASK = [SIMD, 0x64];
export const I8X16_ADD_SAT_U = [SIMD, 0x70];
export const I8X16_SUB = [SIMD, 0x71];
