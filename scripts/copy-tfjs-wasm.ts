// Copies TF.js's WASM backend binaries into public/tfjs/, where the evaluation worker loads them
// (setWasmPaths('/tfjs/')): the CSP allows no CDN, so they must be served from our own origin.
// Run before `next dev` / `next build` so the files always match the installed package version.
import { copyFileSync, mkdirSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const from = join(root, 'node_modules/@tensorflow/tfjs-backend-wasm/dist');
const to = join(root, 'public/tfjs');

mkdirSync(to, { recursive: true });
const files = readdirSync(from).filter((name) => name.endsWith('.wasm'));
if (files.length === 0) throw new Error(`No .wasm files in ${from}; is @tensorflow/tfjs-backend-wasm installed?`);
for (const name of files) copyFileSync(join(from, name), join(to, name));
console.log(`copied ${files.join(', ')} to public/tfjs/`);
