/**
 * Public portal weight (target P7): the JavaScript a phone downloads to open the 办事指南, gzipped.
 * Reads dist/web (building it first when missing), follows the portal's index.html to its entry
 * script and modulepreloads and every chunk they import statically, and sums their gzip sizes.
 * Target: ≤ 150 KB gzipped (the script exits 1 above it).
 * Run: node --import tsx bench/public-bundle-size.ts
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const LIMIT_KB = 150;
const root = fileURLToPath(new URL('..', import.meta.url));
const dist = join(root, 'dist/web');
const index = join(dist, 'portal/index.html');

if (!existsSync(index) || process.argv.includes('--build')) {
  const vite = join(root, 'node_modules/.bin/vite');
  const result = spawnSync(vite, ['build', '--config', 'src/web/vite.config.ts', '--logLevel', 'warn'], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

const html = readFileSync(index, 'utf8');
const entries = [...html.matchAll(/<(?:script[^>]+src|link[^>]+rel="modulepreload"[^>]+href)="([^"]+\.js)"/g)].map(
  (match) => match[1] ?? '',
);
const seen = new Map<string, { raw: number; gzip: number }>();

function visit(file: string): void {
  if (seen.has(file)) return;
  const code = readFileSync(file);
  seen.set(file, { raw: code.length, gzip: gzipSync(code, { level: 9 }).length });
  // Static imports only (what must load before the first paint); dynamic import() chunks load later.
  for (const match of code.toString('utf8').matchAll(/(?:^|[;}\s])import\s*(?:[\w${},*\s]+from\s*)?["'](\.{1,2}\/[^"']+\.js)["']/g)) {
    visit(resolve(dirname(file), match[1] ?? ''));
  }
}

for (const entry of entries) visit(join(dist, entry.replace(/^\//, '')));
const css = [...html.matchAll(/<link[^>]+rel="stylesheet"[^>]+href="([^"]+)"/g)].map((match) =>
  readFileSync(join(dist, (match[1] ?? '').replace(/^\//, ''))),
);

const kb = (bytes: number) => (bytes / 1024).toFixed(1);
let gzip = 0;
let raw = 0;
for (const [file, size] of seen) {
  gzip += size.gzip;
  raw += size.raw;
  process.stdout.write(
    `${file.slice(dist.length + 1).padEnd(50)} ${kb(size.raw).padStart(8)} KB raw ${kb(size.gzip).padStart(7)} KB gzip\n`,
  );
}
const cssGzip = css.reduce((sum, file) => sum + gzipSync(file, { level: 9 }).length, 0);
process.stdout.write(
  `portal JavaScript: ${kb(raw)} KB raw, ${kb(gzip)} KB gzipped (target ≤ ${LIMIT_KB} KB); CSS ${kb(cssGzip)} KB gzipped; no web fonts\n`,
);
if (gzip > LIMIT_KB * 1024) {
  process.stderr.write(`over budget by ${kb(gzip - LIMIT_KB * 1024)} KB\n`);
  process.exit(1);
}
