import { describe, expect, it } from 'vitest';
import { trapOf } from '../../test/trap-of.js';
import { TrapReason } from '../trap.js';
import { i32_ctz, i32_div_s, i32_div_u, i32_popcnt, i32_rem_s, i32_rem_u, i32_rotl, i32_rotr } from './i32.js';

const MIN = -0x80000000;
const MAX = 0x7fffffff;

describe('i32 division and remainder', () => {
  it('div_s truncates toward zero', () => {
    expect(i32_div_s(7, 2)).toBe(3);
    expect(i32_div_s(-7, 2)).toBe(-3);
    expect(i32_div_s(7, -2)).toBe(-3);
    expect(i32_div_s(-7, -2)).toBe(3);
    expect(i32_div_s(MIN, 1)).toBe(MIN);
    expect(i32_div_s(MIN, 2)).toBe(-0x40000000);
    expect(i32_div_s(MAX, -1)).toBe(-MAX);
    expect(Object.is(i32_div_s(-1, 2), 0)).toBe(true); // not -0
  });

  it('div_s traps on zero and on overflow', () => {
    expect(trapOf(() => i32_div_s(1, 0))).toBe(TrapReason.divideByZero);
    expect(trapOf(() => i32_div_s(0, 0))).toBe(TrapReason.divideByZero);
    expect(trapOf(() => i32_div_s(MIN, 0))).toBe(TrapReason.divideByZero);
    expect(trapOf(() => i32_div_s(MIN, -1))).toBe(TrapReason.integerOverflow);
  });

  it('div_u reads operands unsigned', () => {
    expect(i32_div_u(-1, 1)).toBe(-1); // 0xffffffff
    expect(i32_div_u(-1, 2)).toBe(MAX);
    expect(i32_div_u(MIN, -1)).toBe(0);
    expect(i32_div_u(-1, -1)).toBe(1);
    expect(i32_div_u(-2, -1)).toBe(0);
    expect(i32_div_u(-0x7ffffffe, 3)).toBe(0x2aaaaaab); // 0x80000002 / 3
    expect(trapOf(() => i32_div_u(5, 0))).toBe(TrapReason.divideByZero);
  });

  it('rem_s has the sign of the dividend and does not trap on MIN rem -1', () => {
    expect(i32_rem_s(7, 3)).toBe(1);
    expect(i32_rem_s(-7, 3)).toBe(-1);
    expect(i32_rem_s(7, -3)).toBe(1);
    expect(Object.is(i32_rem_s(MIN, -1), 0)).toBe(true);
    expect(Object.is(i32_rem_s(-4, 2), 0)).toBe(true);
    expect(i32_rem_s(MIN, MAX)).toBe(-1);
    expect(trapOf(() => i32_rem_s(1, 0))).toBe(TrapReason.divideByZero);
  });

  it('rem_u reads operands unsigned', () => {
    expect(i32_rem_u(-1, 10)).toBe(5); // 4294967295 % 10
    expect(i32_rem_u(5, -1)).toBe(5);
    expect(i32_rem_u(-1, -2)).toBe(1);
    expect(trapOf(() => i32_rem_u(1, 0))).toBe(TrapReason.divideByZero);
  });
});

describe('i32 rotations and bit counts', () => {
  it('rotl / rotr take the count mod 32', () => {
    expect(i32_rotl(0x12345678, 0)).toBe(0x12345678);
    expect(i32_rotl(0x12345678, 32)).toBe(0x12345678);
    expect(i32_rotl(0x12345678, 4)).toBe(0x23456781);
    expect(i32_rotl(MIN, 1)).toBe(1);
    expect(i32_rotl(1, -1)).toBe(MIN);
    expect(i32_rotr(1, 1)).toBe(MIN);
    expect(i32_rotr(0x12345678, 36)).toBe(-0x7edcba99); // 0x81234567
    expect(i32_rotr(0x12345678, 0)).toBe(0x12345678);
  });

  it('ctz / popcnt', () => {
    expect(i32_ctz(0)).toBe(32);
    expect(i32_ctz(1)).toBe(0);
    expect(i32_ctz(MIN)).toBe(31);
    expect(i32_ctz(0x00008000)).toBe(15);
    expect(i32_popcnt(0)).toBe(0);
    expect(i32_popcnt(-1)).toBe(32);
    expect(i32_popcnt(MIN)).toBe(1);
    expect(i32_popcnt(0x55555555)).toBe(16);
    expect(i32_popcnt(-0x7fff8001)).toBe(16); // 0x80007fff
  });
});
