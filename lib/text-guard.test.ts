// The shared text guard: NUL and unpaired surrogates anywhere (values and keys, however deep), and
// nesting past the limit, are found with their path; well-formed text of any script passes.
import { describe, expect, it } from 'vitest';
import { findUnsafeText, MAX_INPUT_DEPTH, unsafeTextReason } from './text-guard';

describe('unsafeTextReason', () => {
  it.each([
    ['a\u0000b', /NUL/],
    ['\u0000', /NUL/],
    ['\uD800', /surrogate/],
    ['x\uDBFFy', /surrogate/],
    ['\uDC00', /surrogate/],
    ['ok\uDFFF', /surrogate/],
    ['\uDE00\uD83D', /surrogate/], // a pair in the wrong order is two lone halves
  ])('refuses %j', (text, reason) => {
    expect(unsafeTextReason(text)).toMatch(reason);
  });

  it.each(['', 'Iris species', 'ΟΔΟΣ', '模型', '😀 emoji pair \uD83D\uDE00', '%25', '%E0%A4%A', '\uFFFD', 'tab\tand\nnewline'])('accepts %j', (text) => {
    expect(unsafeTextReason(text)).toBeNull();
  });
});

describe('findUnsafeText', () => {
  it('finds bad text in values and keys at any depth, with the path', () => {
    expect(findUnsafeText({ a: [1, { b: 'x\u0000' }] })).toEqual({ path: 'input.a[1].b', reason: expect.stringMatching(/NUL/) });
    expect(findUnsafeText({ ok: { 'k\uD800': 1 } })?.path).toMatch(/^input\.ok key/);
    expect(findUnsafeText(new Map([['k', 'v\uDC00']]))?.path).toBe('input.k');
    expect(findUnsafeText(new Set(['fine', '\u0000']))?.reason).toMatch(/NUL/);
  });

  it('refuses nesting past the limit without overflowing the stack', () => {
    let deep: unknown = 'leaf';
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(findUnsafeText(deep)?.reason).toMatch(/nests deeper/);
    let ok: unknown = 'leaf';
    for (let i = 0; i < MAX_INPUT_DEPTH - 1; i++) ok = { a: ok };
    expect(findUnsafeText(ok)).toBeNull();
  });

  it('passes clean inputs of every shape', () => {
    expect(findUnsafeText({ name: 'Iris species', tags: ['a', 'b'], n: 1, d: new Date(0), nothing: null, yes: true })).toBeNull();
    expect(findUnsafeText(undefined)).toBeNull();
    expect(findUnsafeText(42)).toBeNull();
  });
});
