// ONNX Runtime Web's WASM binaries and their loaders, served from this origin (the CSP allows no
// CDN) straight from the installed onnxruntime-web, so they always match the bundled runtime.
import { readFile } from 'node:fs/promises';
import path from 'node:path';

const FILES = new Set(
  ['', '.jsep', '.asyncify', '.jspi'].flatMap((variant) => [`ort-wasm-simd-threaded${variant}.wasm`, `ort-wasm-simd-threaded${variant}.mjs`]),
);

export async function GET(_req: Request, { params }: { params: Promise<{ file: string }> }) {
  const { file } = await params;
  // A fixed list of names: nothing from the URL reaches the file system otherwise.
  if (!FILES.has(file)) return new Response('Not found', { status: 404 });
  const bytes = await readFile(path.join(process.cwd(), 'node_modules', 'onnxruntime-web', 'dist', file));
  return new Response(new Uint8Array(bytes), {
    headers: {
      'content-type': file.endsWith('.wasm') ? 'application/wasm' : 'text/javascript; charset=utf-8',
      'cache-control': 'public, max-age=86400',
    },
  });
}
