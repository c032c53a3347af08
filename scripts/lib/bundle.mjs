// What the scripts that finish, check and measure a release bundle agree on.
import { createHash } from 'node:crypto';

/**
 * Whether `file` (a name in the bundle's root, optionally with `.br`/`.gz`)
 * is a wasm chunk loaded on demand (scripts/split-wasm.mjs), not the main
 * module `tribuna-<hash>_bg.wasm` every page loads.
 */
export const isWasmChunk = (file) => /\.wasm(\.br|\.gz)?$/.test(file) && !file.startsWith('tribuna-');

/** The base path in a bundle's `index.html` (`<base href>`), `/` by default. */
export const baseHref = (html) => html.match(/<base href="([^"]*)"/)?.[1] ?? '/';

/** The content hash put in a generated file's name (`boot-<hash>.js`, `split_ask-<hash>.wasm`). */
export const contentHash = (bytes) => createHash('sha256').update(bytes).digest('hex').slice(0, 16);
