import { afterEach, describe, expect, it, vi } from 'vitest';
import { selectBackend, selectOnnxBackend, webgpuSkipReason, type Backend } from './backends';

// What Chromium reports for its software WebGPU adapter (headless, --enable-unsafe-webgpu).
const swiftShader = { vendor: 'google', architecture: 'swiftshader', device: '', description: 'SwiftShader Device (Subzero)' };
const ampere = { vendor: 'nvidia', architecture: 'ampere', device: '', description: '' };

describe('webgpuSkipReason', () => {
  it('skips SwiftShader, naming it, however the adapter spells it', () => {
    expect(webgpuSkipReason(swiftShader, false)).toBe('software adapter (SwiftShader) would be slower than WASM');
    expect(webgpuSkipReason({ vendor: 'google', architecture: '', description: 'SwiftShader Device (LLVM 10.0.0)' }, false)).toMatch(/SwiftShader.*slower than WASM/);
    expect(webgpuSkipReason({ architecture: 'SwiftShader' }, false)).toMatch(/SwiftShader/);
  });

  it('skips an adapter the browser marks as a fallback adapter, even with hardware-looking info', () => {
    expect(webgpuSkipReason({ vendor: 'intel', architecture: 'gen-12lp' }, true)).toMatch(/^fallback adapter \(gen-12lp\).*slower than WASM/);
    expect(webgpuSkipReason({}, true)).toMatch(/fallback adapter/);
  });

  it('skips other software rasterisers', () => {
    expect(webgpuSkipReason({ vendor: 'mesa', description: 'llvmpipe (LLVM 15.0.7, 256 bits)' }, false)).toMatch(/software adapter/);
  });

  it('accepts a hardware adapter', () => {
    expect(webgpuSkipReason(ampere, false)).toBeNull();
    expect(webgpuSkipReason({ vendor: 'apple', architecture: 'metal-3' }, false)).toBeNull();
  });
});

describe('selectBackend("auto")', () => {
  afterEach(() => vi.unstubAllGlobals());

  const withAdapter = (adapter: object | null) => vi.stubGlobal('navigator', { gpu: { requestAdapter: async () => adapter } });
  // Every backend initialises; OffscreenCanvas is absent under Node, so WebGL is skipped too.
  const run = async () => {
    const tried: Backend[] = [];
    const selection = await selectBackend('auto', async (name) => (tried.push(name), true));
    return { selection, tried };
  };

  it('never lets SwiftShader win over WASM: WebGPU is not even initialised, and the reason is recorded', async () => {
    withAdapter({ info: { ...swiftShader, isFallbackAdapter: false } });
    const { selection, tried } = await run();
    expect(selection.backend).toBe('wasm');
    expect(tried).toEqual(['wasm']);
    expect(selection.skipped).toContainEqual({ backend: 'webgpu', reason: 'software adapter (SwiftShader) would be slower than WASM' });
  });

  it('passes over a fallback adapter, whether info or the adapter itself carries the flag', async () => {
    withAdapter({ info: { vendor: 'intel', architecture: 'gen-12lp', isFallbackAdapter: true } });
    expect((await run()).selection.backend).toBe('wasm');
    withAdapter({ isFallbackAdapter: true, requestAdapterInfo: async () => ({ vendor: 'intel', architecture: 'gen-12lp' }) });
    const { selection, tried } = await run();
    expect(selection.backend).toBe('wasm');
    expect(tried).not.toContain('webgpu');
    expect(selection.skipped.find((s) => s.backend === 'webgpu')?.reason).toMatch(/fallback adapter/);
  });

  it('uses a hardware adapter and reports its vendor and architecture', async () => {
    withAdapter({ info: { ...ampere, isFallbackAdapter: false } });
    const { selection, tried } = await run();
    expect(selection).toEqual({ backend: 'webgpu', adapter: { vendor: 'nvidia', architecture: 'ampere', isFallback: false }, skipped: [] });
    expect(tried).toEqual(['webgpu']);
  });

  it('skips WebGPU with a reason when navigator.gpu is missing, or there is no adapter', async () => {
    vi.stubGlobal('navigator', {});
    const missing = await run();
    expect(missing.selection.backend).toBe('wasm');
    expect(missing.selection.skipped).toContainEqual({ backend: 'webgpu', reason: 'this browser has no WebGPU (navigator.gpu is missing)' });
    withAdapter(null);
    expect((await run()).selection.skipped).toContainEqual({ backend: 'webgpu', reason: 'no WebGPU adapter is available' });
  });

  it('still honours a forced WebGPU on a software adapter', async () => {
    withAdapter({ info: { ...swiftShader, isFallbackAdapter: true } });
    const tried: Backend[] = [];
    const selection = await selectBackend('webgpu', async (name) => (tried.push(name), true));
    expect(selection).toMatchObject({ backend: 'webgpu', adapter: { architecture: 'swiftshader', isFallback: true } });
    expect(tried).toEqual(['webgpu']);
  });
});

describe('selectOnnxBackend', () => {
  afterEach(() => vi.unstubAllGlobals());
  const withAdapter = (adapter: object | null) => vi.stubGlobal('navigator', { gpu: { requestAdapter: async () => adapter } });

  it('auto takes a hardware WebGPU adapter, and passes over SwiftShader or no WebGPU for WASM, saying why', async () => {
    withAdapter({ info: ampere });
    expect(await selectOnnxBackend('auto')).toMatchObject({ backend: 'webgpu', skipped: [] });
    withAdapter({ info: swiftShader });
    expect(await selectOnnxBackend('auto')).toMatchObject({ backend: 'wasm', skipped: [{ backend: 'webgpu', reason: expect.stringMatching(/SwiftShader/) }] });
    vi.stubGlobal('navigator', {});
    expect(await selectOnnxBackend('auto')).toMatchObject({ backend: 'wasm', skipped: [{ backend: 'webgpu', reason: expect.stringMatching(/no WebGPU/) }] });
  });

  it('a forced WebGPU runs even on SwiftShader, refuses without an adapter, and WebGL or CPU are refused for ONNX', async () => {
    withAdapter({ info: swiftShader });
    expect(await selectOnnxBackend('webgpu')).toMatchObject({ backend: 'webgpu', adapter: { architecture: 'swiftshader' } });
    withAdapter(null);
    await expect(selectOnnxBackend('webgpu')).rejects.toThrow(/WebGPU is unavailable/);
    await expect(selectOnnxBackend('webgl')).rejects.toThrow(/WebGPU or WASM/);
    await expect(selectOnnxBackend('cpu')).rejects.toThrow(/WebGPU or WASM/);
    expect(await selectOnnxBackend('wasm')).toMatchObject({ backend: 'wasm', skipped: [] });
  });
});
