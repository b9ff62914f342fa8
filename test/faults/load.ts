// The clients: window clerks taking in cases, each submission under its own Idempotency-Key and sent
// again with that key until the server acknowledges it (2xx), whatever happens in between.
import { setTimeout as sleep } from 'node:timers/promises';

export interface Tally {
  sends: number;
  retries: number;
  connectionErrors: number;
  unavailable: number;
  inFlight: number;
  throttled: number;
  signIns: number;
  /** 5xx other than 503: the server failed instead of saying "not now" (R6, R11). */
  serverErrors: number;
  /** Answers that retrying cannot fix (e.g. 422 key reused): a submission that can never be acknowledged. */
  refusals: number;
  samples: string[];
}

export const newTally = (): Tally => ({
  sends: 0,
  retries: 0,
  connectionErrors: 0,
  unavailable: 0,
  inFlight: 0,
  throttled: 0,
  signIns: 0,
  serverErrors: 0,
  refusals: 0,
  samples: [],
});

/** What the clients were told: for each key, every case id an acknowledgement named, and when. */
export class Ledger {
  readonly acks = new Map<string, Set<string>>();
  readonly ackTimes: number[] = [];
  constructor(private readonly startedAt: number) {}
  record(key: string, id: string): void {
    const ids = this.acks.get(key) ?? new Set<string>();
    if (ids.size === 0) this.ackTimes.push(performance.now() - this.startedAt);
    ids.add(id);
    this.acks.set(key, ids);
  }
  get acknowledged(): number {
    return this.acks.size;
  }
}

/** One shared session per clerk account; a 401 (session lost) signs in again, once for all its clients. */
export class Sessions {
  private readonly tokens = new Map<string, Promise<string>>();
  constructor(
    private readonly baseUrl: string,
    private readonly password: string,
    private readonly tally: Tally,
    private readonly deadline: number,
  ) {}

  token(username: string): Promise<string> {
    let token = this.tokens.get(username);
    if (!token) {
      token = this.signIn(username);
      this.tokens.set(username, token);
    }
    return token;
  }

  renew(username: string, stale: string): Promise<string> {
    const current = this.tokens.get(username);
    return current ? current.then((token) => (token === stale ? this.forget(username) : token)) : this.token(username);
  }

  private forget(username: string): Promise<string> {
    this.tokens.delete(username);
    return this.token(username);
  }

  private async signIn(username: string): Promise<string> {
    for (let attempt = 0; performance.now() < this.deadline; attempt += 1) {
      this.tally.signIns += 1;
      try {
        const response = await fetch(`${this.baseUrl}/api/auth/login`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ username, password: this.password }),
          signal: AbortSignal.timeout(15_000),
        });
        if (response.ok) return ((await response.json()) as { token: string }).token;
        if (response.status < 500 && response.status !== 429)
          throw new Error(`sign-in as ${username}: ${String(response.status)} ${await response.text()}`);
        await response.body?.cancel();
      } catch (error) {
        if (error instanceof Error && error.message.startsWith('sign-in as')) throw error;
      }
      await backoff(attempt);
    }
    throw new Error(`sign-in as ${username}: no answer before the deadline`);
  }
}

function backoff(attempt: number, retryAfterSeconds?: number): Promise<void> {
  const base =
    retryAfterSeconds !== undefined && retryAfterSeconds > 0 ? Math.min(retryAfterSeconds * 1000, 1000) : Math.min(50 * 2 ** attempt, 500);
  return sleep(base / 2 + Math.random() * base);
}

export interface Submission {
  key: string;
  username: string;
  body: string;
}

export interface SendContext {
  baseUrl: string;
  sessions: Sessions;
  ledger: Ledger;
  tally: Tally;
  deadline: number;
}

/** Sends one submission with its key until a 2xx names the case; undefined if that never happened. */
export async function sendUntilAcknowledged(context: SendContext, submission: Submission): Promise<string | undefined> {
  const { tally } = context;
  let token = await context.sessions.token(submission.username);
  for (let attempt = 0; performance.now() < context.deadline; attempt += 1) {
    if (attempt > 0) tally.retries += 1;
    tally.sends += 1;
    let response: Response;
    let text: string;
    try {
      response = await fetch(`${context.baseUrl}/api/cases`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'idempotency-key': submission.key, 'content-type': 'application/json' },
        body: submission.body,
        signal: AbortSignal.timeout(20_000),
      });
      text = await response.text();
    } catch {
      // The server was killed, is restarting, or cut the connection: the answer is unknown, so ask again.
      tally.connectionErrors += 1;
      await backoff(attempt);
      continue;
    }
    const problem = parse(text);
    if (response.status >= 200 && response.status < 300) {
      const id = problem.id;
      if (typeof id !== 'string') throw new Error(`acknowledgement without a case id: ${text}`);
      context.ledger.record(submission.key, id);
      return id;
    }
    const retryAfter = Number(response.headers.get('retry-after') ?? '');
    if (response.status === 503) {
      tally.unavailable += 1;
      await backoff(attempt, retryAfter);
    } else if (response.status === 409 && problem.code === 'IDEMPOTENCY_IN_FLIGHT') {
      tally.inFlight += 1;
      await backoff(Math.min(attempt, 2));
    } else if (response.status === 401) {
      token = await context.sessions.renew(submission.username, token);
    } else if (response.status === 429) {
      tally.throttled += 1;
      await backoff(attempt, retryAfter);
    } else if (response.status >= 500) {
      tally.serverErrors += 1;
      sample(tally, `${String(response.status)} ${text.slice(0, 300)}`);
      await backoff(attempt);
    } else {
      tally.refusals += 1;
      sample(tally, `${String(response.status)} ${text.slice(0, 300)}`);
      return undefined;
    }
  }
  return undefined;
}

function parse(text: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

function sample(tally: Tally, line: string): void {
  if (tally.samples.length < 8) tally.samples.push(line);
}
