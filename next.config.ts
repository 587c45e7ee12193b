import type { NextConfig } from 'next';

const securityHeaders = [
  { key: 'X-Content-Type-Options', value: 'nosniff' },
  { key: 'X-Frame-Options', value: 'DENY' },
  { key: 'Referrer-Policy', value: 'strict-origin-when-cross-origin' },
  { key: 'Permissions-Policy', value: 'camera=(), microphone=(), geolocation=(), payment=()' },
  // Cross-origin isolation (COOP + COEP): the browser then grants SharedArrayBuffer, which ONNX
  // Runtime Web's multi-threaded WASM needs (lib/evaluation/worker/wasm-threads.ts). Everything the
  // app loads is same-origin, so require-corp blocks nothing; it is sent on every response, as a
  // Web Worker's own script (the evaluation worker's chunk, ONNX Runtime's /ort/ thread workers)
  // must carry a compatible policy to start inside an isolated page.
  { key: 'Cross-Origin-Opener-Policy', value: 'same-origin' },
  { key: 'Cross-Origin-Embedder-Policy', value: 'require-corp' },
];

// Pages get a per-request nonce CSP from proxy.ts. The paths its matcher skips get a static one
// here instead; the two sets of paths do not overlap, so no response carries two policies.
// API JSON, optimised images and the favicon need nothing at all.
const noContentPolicy = "default-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
// A Web Worker runs under the CSP of its own script response, and the evaluation worker is a
// /_next/static chunk: it loads its other chunks, fetches the model and TF.js WASM from this
// origin and compiles the WASM. Nothing else is allowed; the page's nonce is not needed here.
// No `blob:` scripts: TF.js's threaded WASM build would need them (it importScripts a Blob copy
// of its own factory in each thread), so TF.js stays on its single-threaded build; ONNX Runtime's
// threads are plain module workers from /ort/ and need nothing more.
const staticAssetPolicy = [
  "default-src 'none'",
  `script-src 'self' 'wasm-unsafe-eval'${process.env.NODE_ENV === 'development' ? " 'unsafe-eval'" : ''}`,
  "connect-src 'self'",
  "worker-src 'self' blob:",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');
const csp = (value: string) => [{ key: 'Content-Security-Policy', value }];

const config: NextConfig = {
  poweredByHeader: false,
  // Native and WASM packages, and the job queue (pg-boss, CommonJS over `pg`), stay as plain Node
  // requires instead of being bundled.
  serverExternalPackages: ['@node-rs/argon2', '@electric-sql/pglite', '@electric-sql/pglite-socket', 'pg-boss'],
  experimental: {
    // Evaluation evidence carries the model's predictions (4 bytes a row, base64): let the proxy
    // pass saves for datasets of a few million rows.
    proxyClientMaxBodySize: '48mb',
  },
  async headers() {
    return [
      { source: '/:path*', headers: securityHeaders },
      // `:path+`, not `:path*`: a bare /api/v1 goes through proxy.ts and has its policy already.
      { source: '/api/v1/:path+', headers: csp(noContentPolicy) },
      { source: '/_next/image', headers: csp(noContentPolicy) },
      { source: '/favicon.ico', headers: csp(noContentPolicy) },
      { source: '/_next/static/:path+', headers: csp(staticAssetPolicy) },
    ];
  },
};

export default config;
