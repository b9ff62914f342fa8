// prestart: builds the browser apps when dist/web is missing or older than any source under src/web.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const marker = join(root, 'dist/web/console/index.html');

function newestUnder(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestUnder(path) : statSync(path).mtimeMs);
  }
  return newest;
}

if (existsSync(marker) && statSync(marker).mtimeMs >= newestUnder(join(root, 'src/web'))) process.exit(0);
process.stdout.write('正在构建网页 / building the web apps…\n');
const vite = join(root, 'node_modules/.bin/vite');
const result = spawnSync(vite, ['build', '--config', 'src/web/vite.config.ts', '--logLevel', 'warn'], { cwd: root, stdio: 'inherit' });
process.exit(result.status ?? 1);
