// The real server as a child process, with a supervisor's habits: restarted after every exit, the
// deliberate kills (SIGKILL, no goodbye) told apart from the deaths nobody asked for.
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, type WriteStream } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

export async function freePort(): Promise<number> {
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

/** An exit the harness did not cause, with the last lines the process wrote. */
export interface UnexpectedExit {
  atMs: number;
  code: number | null;
  signal: string | null;
  /** Whether it started (answered /api/health) before it died: a failed start-up is another matter. */
  wasServing: boolean;
  lastOutput: string;
}

export interface ServerOptions {
  /** The tree whose src/main.ts runs (the worktree, or a broken copy of it). */
  root: string;
  env: Record<string, string>;
  port: number;
  logDir: string;
  startedAt: number;
}

export class SupervisedServer {
  readonly baseUrl: string;
  readonly unexpectedExits: UnexpectedExit[] = [];
  /** Start-up times (spawn → first healthy answer), one per start. */
  readonly startMs: number[] = [];
  kills = 0;
  private child: ChildProcess | undefined;
  private expectingExit = false;
  private stopping = false;
  private restarting: Promise<void> | undefined;
  private serving = false;
  private tail: string[] = [];
  private log: WriteStream;

  constructor(private readonly options: ServerOptions) {
    this.baseUrl = `http://127.0.0.1:${String(options.port)}`;
    this.log = createWriteStream(join(options.logDir, 'server.log'), { flags: 'a' });
  }

  get isRunning(): boolean {
    return this.child !== undefined && this.child.exitCode === null && this.child.signalCode === null;
  }

  /** Spawns `node --import tsx src/main.ts` (what `npm start` runs) and waits until it is healthy. */
  async start(): Promise<void> {
    for (let attempt = 1; ; attempt += 1) {
      const began = performance.now();
      this.spawnOnce();
      if (await this.waitHealthy(90_000)) {
        this.startMs.push(performance.now() - began);
        return;
      }
      if (this.stopping) return;
      await this.killChild();
      if (attempt >= 60) throw new Error(`server did not start after ${String(attempt)} attempts; see ${this.options.logDir}/server.log`);
      // A supervisor's back-off: a server that cannot start (its database still away) is tried again.
      await sleep(1000);
    }
  }

  /** kill -9 and restart at once, as a supervisor would. */
  async killAndRestart(): Promise<void> {
    this.kills += 1;
    this.note(`--- harness: SIGKILL (kill ${String(this.kills)})`);
    await this.killChild();
    await this.start();
  }

  /** Resolves once a restart after an unexpected exit (if any) has finished. */
  async settled(): Promise<void> {
    await this.restarting;
  }

  async stop(): Promise<void> {
    this.stopping = true;
    await this.restarting?.catch(() => undefined);
    await this.killChild();
    await new Promise<void>((resolve) => this.log.end(resolve));
  }

  private spawnOnce(): void {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      cwd: this.options.root,
      env: { ...this.options.env, PORT: String(this.options.port), HOST: '127.0.0.1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    this.serving = false;
    this.note(`--- harness: started pid ${String(child.pid)}`);
    const keep = (chunk: Buffer) => {
      this.log.write(chunk);
      this.tail = [...this.tail, ...chunk.toString('utf8').split('\n').filter(Boolean)].slice(-12);
    };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    child.once('exit', (code, signal) => {
      this.note(`--- harness: pid ${String(child.pid)} exited (code ${String(code)}, signal ${String(signal)})`);
      if (this.expectingExit || this.stopping || this.child !== child) return;
      this.unexpectedExits.push({
        atMs: performance.now() - this.options.startedAt,
        code,
        signal,
        wasServing: this.serving,
        lastOutput: this.tail.join('\n'),
      });
      if (this.serving) {
        // Died while serving: bring it back (the R1 count needs a server), and remember it happened.
        this.restarting = this.start();
      }
    });
  }

  private async killChild(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    this.expectingExit = true;
    const exited = new Promise<void>((resolve) =>
      child.once('exit', () => {
        resolve();
      }),
    );
    child.kill('SIGKILL');
    await exited;
    this.expectingExit = false;
  }

  private async waitHealthy(timeoutMs: number): Promise<boolean> {
    const child = this.child;
    const deadline = performance.now() + timeoutMs;
    while (performance.now() < deadline && child === this.child && child?.exitCode === null && child.signalCode === null) {
      try {
        const response = await fetch(`${this.baseUrl}/api/health`, { signal: AbortSignal.timeout(3000) });
        if (response.ok) {
          this.serving = true;
          return true;
        }
      } catch {
        // not listening yet
      }
      await sleep(100);
    }
    return false;
  }

  private note(line: string): void {
    this.log.write(`${line}\n`);
  }
}
