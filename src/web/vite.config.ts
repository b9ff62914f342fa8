import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import vue from '@vitejs/plugin-vue';
import { defineConfig, transformWithEsbuild, type Plugin, type Rollup } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));

/** One entry per browser app; each is served under its own path by the server. */
const apps = {
  console: `${root}console/index.html`,
  portal: `${root}portal/index.html`,
  agent: `${root}agent/index.html`,
  hall: `${root}hall/index.html`,
};

/** The agent page's files: its entry chunk and everything it imports, with their CSS and assets. */
function filesOf(bundle: Rollup.OutputBundle, entry: Rollup.OutputChunk): string[] {
  const files = new Set<string>();
  const visit = (fileName: string) => {
    if (files.has(fileName)) return;
    files.add(fileName);
    const output = bundle[fileName];
    if (output?.type !== 'chunk') return;
    for (const name of [...output.imports, ...output.dynamicImports]) visit(name);
    for (const name of [...(output.viteMetadata?.importedCss ?? []), ...(output.viteMetadata?.importedAssets ?? [])]) files.add(name);
  };
  visit(entry.fileName);
  return [...files].sort();
}

/**
 * The agent PWA without a plugin dependency: after the bundle is written, emit agent/sw.js (the
 * hand-written src/web/agent/sw.ts, compiled, with the precache list prepended), the web app
 * manifest and its icon at fixed names, and link them from the agent page.
 */
function agentPwa(): Plugin {
  const source = (path: string) => readFileSync(`${root}agent/${path}`, 'utf8');
  return {
    name: 'yizhan-agent-pwa',
    apply: 'build',
    enforce: 'post',
    transformIndexHtml: {
      order: 'post',
      handler: (_html, context) =>
        context.path.startsWith('/agent/')
          ? [
              { tag: 'link', attrs: { rel: 'manifest', href: '/agent/manifest.webmanifest' }, injectTo: 'head' },
              { tag: 'link', attrs: { rel: 'icon', href: '/agent/icon.svg', type: 'image/svg+xml' }, injectTo: 'head' },
            ]
          : [],
    },
    async generateBundle(_options, bundle) {
      const entry = Object.values(bundle).find(
        (output): output is Rollup.OutputChunk => output.type === 'chunk' && output.isEntry && output.facadeModuleId === apps.agent,
      );
      const page = bundle['agent/index.html'];
      if (!entry || page?.type !== 'asset') {
        this.error('agent PWA: the agent entry or its index.html is missing from the bundle');
      }
      const shell = ['/agent/', '/agent/manifest.webmanifest', '/agent/icon.svg'];
      const precache = [...shell, ...filesOf(bundle, entry).map((name) => `/${name}`)];
      // A new build id whenever the page or any file it loads changes: the browser then installs the new worker.
      const buildId = createHash('sha256').update(precache.join('\n')).update(page.source).digest('hex').slice(0, 12);
      const worker = await transformWithEsbuild(source('sw.ts'), 'sw.ts', { loader: 'ts', format: 'iife', target: 'es2020', minify: true });
      const header = `const __PRECACHE__=${JSON.stringify(precache)},__BUILD_ID__=${JSON.stringify(buildId)};\n`;
      this.emitFile({ type: 'asset', fileName: 'agent/sw.js', source: header + worker.code });
      this.emitFile({ type: 'asset', fileName: 'agent/manifest.webmanifest', source: source('pwa/manifest.json') });
      this.emitFile({ type: 'asset', fileName: 'agent/icon.svg', source: source('pwa/icon.svg') });
    },
  };
}

export default defineConfig({
  root,
  base: '/',
  plugins: [vue(), agentPwa()],
  build: {
    outDir: fileURLToPath(new URL('../../dist/web', import.meta.url)),
    emptyOutDir: true,
    rollupOptions: { input: apps },
    chunkSizeWarningLimit: 800,
  },
  server: { proxy: { '/api': 'http://127.0.0.1:3000' } },
});
