import { strict as assert } from 'node:assert';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const DEMO_PASSWORD = 'Demo@2026pass';
export const SCREENSHOTS = join(ROOT, 'test-results');
/** The server's clock starts on the Monday before National Day, so a case's deadline crosses the holiday and its 调休 Saturday. */
export const E2E_CLOCK = '2026-09-28T09:00:00+08:00';

export interface Server {
  baseUrl: string;
  /** Stops the server (SIGTERM, then SIGKILL after 5 s) and removes its data folder. */
  stop(): Promise<void>;
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) =>
    child.once('exit', () => {
      resolve();
    }),
  );
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
  await exited;
  clearTimeout(timer);
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => {
        resolve(typeof address === 'object' && address ? address.port : 0);
      });
    });
  });
}

/** The real server on a fresh data folder (PGlite), built web included, as `npm start` runs it. */
export async function startServer(): Promise<Server> {
  const build = spawnSync(process.execPath, ['scripts/build-web-if-needed.js'], { cwd: ROOT, stdio: 'inherit' });
  if (build.status !== 0) throw new Error('web build failed');
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'yizhan-e2e-'));
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: ROOT,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      YIZHAN_DATA_DIR: dataDir,
      YIZHAN_DEMO_PASSWORD: DEMO_PASSWORD,
      YIZHAN_CLOCK: E2E_CLOCK,
      DATABASE_URL: '',
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const baseUrl = `http://127.0.0.1:${String(port)}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    try {
      const response = await fetch(`${baseUrl}/api/health`);
      if (response.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline || child.exitCode !== null) {
      await stopChild(child);
      rmSync(dataDir, { recursive: true, force: true });
      throw new Error('server did not become healthy');
    }
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
  return {
    baseUrl,
    async stop() {
      await stopChild(child);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * R13: the apps must run under the server's Content-Security-Policy without a single refusal. Every page
 * of every context reports `securitypolicyviolation` events and CSP console errors here; the runner fails
 * the test during which one happened (`takeCspViolations`).
 */
const cspViolations: string[] = [];

const REPORT_VIOLATIONS = `document.addEventListener('securitypolicyviolation', (event) => {
  console.error('CSP violation: ' + event.violatedDirective + ' blocked ' + (event.blockedURI || 'inline') + ' at ' + event.sourceFile + ':' + String(event.lineNumber));
});`;

function watchCsp(context: BrowserContext): void {
  void context.addInitScript({ content: REPORT_VIOLATIONS });
  context.on('console', (message) => {
    const text = message.text();
    if (message.type() === 'error' && /CSP violation|Content Security Policy/i.test(text))
      cspViolations.push(`${message.location().url}: ${text}`);
  });
}

/** The CSP violations seen since the last call (and forgets them). */
export function takeCspViolations(): string[] {
  return cspViolations.splice(0);
}

export async function launchBrowser(): Promise<Browser> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  // Every context a test opens is watched, however it opens it.
  const newContext = browser.newContext.bind(browser);
  browser.newContext = async (options) => {
    const context = await newContext(options);
    watchCsp(context);
    return context;
  };
  browser.newPage = async (options) => {
    const context = await browser.newContext(options);
    return context.newPage();
  };
  return browser;
}

export async function newPage(browser: Browser, viewport = { width: 1280, height: 800 }): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport, locale: 'zh-CN' });
  return { context, page: await context.newPage() };
}

/** The API as a client app would call it: a bearer token, a fresh Idempotency-Key per change; fails the test on an error. */
export async function api<T>(server: Server, path: string, init: { token?: string; body?: unknown } = {}): Promise<T> {
  const response = await fetch(`${server.baseUrl}${path}`, {
    method: init.body === undefined ? 'GET' : 'POST',
    headers: {
      'content-type': 'application/json',
      ...(init.token ? { authorization: `Bearer ${init.token}`, 'idempotency-key': randomUUID() } : {}),
    },
    ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
  });
  assert.ok(response.ok, `${path}: ${String(response.status)} ${await response.clone().text()}`);
  return (await response.json()) as T;
}

export { residentId } from '../support/identities.ts';
