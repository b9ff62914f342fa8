import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { availableParallelism, loadavg } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { changeHeaders, createCounty, createTownship, signIn, type TownshipFixture } from '../../../test/support/factories.ts';
import { createTestEnv, type TestEnv } from '../../../test/support/test-env.ts';

/**
 * The hall screen's stream over real HTTP (inject cannot hold a stream open): the first screenful at
 * once, a call pushed within a second, a stream ended when the server closes.
 */
let env: TestEnv;
let town: TownshipFixture;
let base: string;

interface Screen {
  calls: { ticketNo: string; windowNumber: string }[];
}

/** Reads `event: display` messages from an SSE response as they arrive; null on timeout, 'end' when the server ended it. */
function displayEvents(body: ReadableStream<Uint8Array>) {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  const cancel = () => reader.cancel();
  const next = async (timeoutMs: number): Promise<Screen | 'end' | null> => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const end = buffer.indexOf('\n\n');
      if (end >= 0) {
        const message = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const data = message.split('\n').find((line) => line.startsWith('data: '));
        if (message.includes('event: display') && data) return JSON.parse(data.slice(6)) as Screen;
        continue;
      }
      const left = deadline - Date.now();
      if (left <= 0) return null;
      const chunk = await Promise.race([
        reader.read(),
        new Promise<null>((resolve) =>
          setTimeout(() => {
            resolve(null);
          }, left),
        ),
      ]);
      if (chunk === null) return null;
      if (chunk.done) return 'end';
      buffer += decoder.decode(chunk.value, { stream: true });
    }
  };
  return { next, cancel };
}

beforeAll(async () => {
  env = await createTestEnv();
  const county = await createCounty(env);
  town = await createTownship(env, county.county);
  const director = await signIn(env, town.director.username);
  const created = await env.app.inject({
    method: 'POST',
    url: '/api/queue/categories',
    headers: changeHeaders(director),
    payload: { orgId: town.township.id, code: 'general', name: '综合业务', prefix: 'A', windowIds: [town.windowId] },
  });
  expect(created.statusCode).toBe(201);
  await env.app.listen({ port: 0, host: '127.0.0.1' });
  base = `http://127.0.0.1:${String((env.app.server.address() as AddressInfo).port)}`;
}, 60_000);
afterAll(async () => env.close());

describe('the hall screen stream (SSE)', () => {
  it('sends the screen at once and a call within a second; unknown centers are refused before any stream', async () => {
    const unknown = await fetch(`${base}/api/public/queue/stream?org=999999999999`);
    expect(unknown.status).toBe(404);
    expect(((await unknown.json()) as { code: string }).code).toBe('QUEUE_ORG_NOT_FOUND');

    const response = await fetch(`${base}/api/public/queue/stream?org=${town.township.code}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/event-stream');
    const { next, cancel } = displayEvents(response.body as ReadableStream<Uint8Array>);
    expect(await next(2000)).toMatchObject({ calls: [] });

    const taken = await env.app.inject({
      method: 'POST',
      url: '/api/public/queue/tickets',
      headers: { 'idempotency-key': randomUUID() },
      payload: { org: town.township.code, category: 'general', name: '黄小明' },
    });
    expect(taken.statusCode).toBe(201);
    expect(await next(1000)).not.toBeNull();

    const clerk = await signIn(env, town.window.username);
    const started = Date.now();
    const called = await env.app.inject({
      method: 'POST',
      url: `/api/queue/windows/${town.windowId}/call-next`,
      headers: changeHeaders(clerk),
    });
    expect(called.json()).toMatchObject({ ticket: { ticketNo: 'A001' } });
    let shown: Screen | 'end' | null = null;
    for (;;) {
      shown = await next(3000 - (Date.now() - started));
      if (shown === null || shown === 'end' || shown.calls.some((call) => call.ticketNo === 'A001')) break;
    }
    const latency = Date.now() - started;
    expect(shown).toMatchObject({ calls: [{ ticketNo: 'A001', windowNumber: '1' }] });
    // Within a second (P12), on a machine that is not overloaded: with more runnable work than cores
    // the figure measures waiting for a core, so it is only printed then (bench/queue.bench.ts measures it).
    const isOverloaded = (loadavg()[0] ?? 0) > availableParallelism() * 2;
    process.stdout.write(
      `hall screen: the call shown ${String(latency)} ms after call-next${isOverloaded ? ' (machine overloaded: not asserted)' : ''}\n`,
    );
    if (!isOverloaded) expect(latency).toBeLessThan(1000);
    await cancel();
  });

  it('ends open streams when the server closes (a screen reconnects to another process by itself)', async () => {
    const response = await fetch(`${base}/api/public/queue/stream?org=${town.township.code}`);
    const { next } = displayEvents(response.body as ReadableStream<Uint8Array>);
    expect(await next(2000)).not.toBeNull();
    await env.app.close();
    let last: Screen | 'end' | null;
    do last = await next(2000);
    while (last !== null && last !== 'end');
    expect(last).toBe('end');
  });
});
