#!/usr/bin/env node
// Builds examples/browser/ and serves it on localhost: `npm run example` (or
// `node scripts/serve-example.mjs --port 8080`). The page's `import … from 'pixelarray'` is bundled
// by esbuild from src/, as a user's bundler would take the package, into one ES module (app.js)
// kept in memory. Every response carries a Content-Security-Policy without 'unsafe-eval'.
// test/browser/e2e.test.ts imports buildExample and startServer from here.
import { readFileSync, readdirSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import * as esbuild from 'esbuild';

const ROOT = resolve(import.meta.dirname, '..');
const EXAMPLE = join(ROOT, 'examples/browser');

/** No inline script or style, no eval: only the page's own files (and decoded blobs for images). */
export const CSP = [
  "default-src 'self'", "script-src 'self'", "style-src 'self'", "img-src 'self' blob: data:",
  "connect-src 'self'", "object-src 'none'", "base-uri 'none'", "form-action 'none'", "frame-ancestors 'none'",
].join('; ');

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.css': 'text/css; charset=utf-8', '.js': 'text/javascript; charset=utf-8',
  '.map': 'application/json', '.jpg': 'image/jpeg', '.png': 'image/png', '.md': 'text/markdown; charset=utf-8',
};

/**
 * The site as a map from URL path to `{ body, type }`: the example's static files, the 1080p
 * benchmark photo, and app.js (+ its source map) bundled from main.js.
 */
export async function buildExample() {
  const files = new Map();
  for (const name of readdirSync(EXAMPLE)) {
    // The sources are bundled into app.js; serving them too would only invite confusion.
    if (extname(name) === '.js' || !TYPES[extname(name)]) continue;
    files.set(`/${name}`, { body: readFileSync(join(EXAMPLE, name)), type: TYPES[extname(name)] });
  }
  files.set('/', files.get('/index.html'));
  files.set('/photo-1080p.jpg', { body: readFileSync(join(ROOT, 'bench/assets/photo-1080p.jpg')), type: TYPES['.jpg'] });
  const result = await esbuild.build({
    entryPoints: [join(EXAMPLE, 'main.js')],
    alias: { pixelarray: join(ROOT, 'src/index.ts') },
    bundle: true, minify: true, format: 'esm', platform: 'browser', target: 'es2022',
    sourcemap: true, outfile: join(EXAMPLE, 'app.js'), write: false, logLevel: 'silent',
  });
  for (const out of result.outputFiles) {
    const name = `/${out.path.slice(EXAMPLE.length + 1)}`;
    files.set(name, { body: Buffer.from(out.contents), type: TYPES[extname(name)] });
  }
  return files;
}

/** Starts a static server for `files` on 127.0.0.1 (`port` 0 picks a free one). */
export function startServer(files, { port = 0, host = '127.0.0.1' } = {}) {
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    const file = req.method === 'GET' || req.method === 'HEAD' ? files.get(path) : undefined;
    // A file may carry its own policy (`csp`), e.g. a test page that allows WebAssembly.
    const headers = { 'content-security-policy': file?.csp ?? CSP, 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' };
    if (!file) {
      res.writeHead(404, { ...headers, 'content-type': 'text/plain; charset=utf-8' }).end('not found\n');
      return;
    }
    res.writeHead(200, { ...headers, 'content-type': file.type, 'content-length': file.body.length });
    res.end(req.method === 'HEAD' ? undefined : file.body);
  });
  return new Promise((resolvePromise, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      const { port: actual } = server.address();
      resolvePromise({
        server,
        url: `http://${host}:${actual}/`,
        close: () => new Promise((done) => { server.closeAllConnections(); server.close(() => done()); }),
      });
    });
  });
}

async function main() {
  const at = process.argv.indexOf('--port');
  const port = Number(at > 0 ? process.argv[at + 1] : process.env.PORT ?? 8080);
  const files = await buildExample();
  const app = files.get('/app.js').body;
  let site;
  try {
    site = await startServer(files, { port });
  } catch (error) {
    if (error.code !== 'EADDRINUSE') throw error;
    site = await startServer(files, { port: 0 }); // the port is taken: any free one will do
  }
  console.log(`app.js: ${(app.length / 1024).toFixed(1)} KB minified, ${(gzipSync(app).length / 1024).toFixed(1)} KB gzipped`);
  console.log(`Serving examples/browser/ at ${site.url}  (Ctrl+C to stop)`);
}

if (process.argv[1] && resolve(process.argv[1]) === import.meta.filename) {
  main().catch((error) => { console.error(error); process.exit(1); });
}
