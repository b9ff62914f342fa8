import { createHash } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { SYSTEM_SCOPE, type Db, type Scope, type Tx } from '../db/db.ts';
import { canonicalJson } from '../shared/canonical-json.ts';
import { commonErrors, DomainError } from '../shared/errors.ts';
import type { AppContext, Principal } from './context.ts';
import { clientIpOf, requireStaff, scopeOf } from './scope.ts';

/** What a state-changing use case returns: the response and the audit line describing it. */
export interface Change<T> {
  status?: number;
  body: T;
  audit: { action: string; targetType: string; targetId: string; orgId: string | null; summary: Record<string, unknown> };
  /**
   * R10: the answer discloses personal data in full (an audited reveal). It is never stored: a replay
   * of the key runs the change again, and is audited again.
   */
  isDisclosure?: boolean;
}

const KEY_PATTERN = /^[\x21-\x7e]{8,128}$/;

function readIdempotencyKey(request: FastifyRequest): string {
  const header = request.headers['idempotency-key'];
  const key = Array.isArray(header) ? header[0] : header;
  if (key === undefined || key === '') {
    throw new DomainError(
      commonErrors.IDEMPOTENCY_KEY_MISSING,
      '修改数据的请求必须带 Idempotency-Key 请求头（每次操作一个唯一值，如 UUID）。',
    );
  }
  if (!KEY_PATTERN.test(key)) {
    throw new DomainError(commonErrors.VALIDATION_FAILED, 'Idempotency-Key 须为 8–128 个可见 ASCII 字符。');
  }
  return key;
}

function fingerprintOf(request: FastifyRequest): string {
  const url = request.routeOptions.url ?? request.url;
  const hash = createHash('sha256').update(canonicalJson([request.method, url, request.params ?? null, request.query ?? null]));
  // Uploads are hashed as bytes; JSON bodies by their canonical text.
  return hash.update(Buffer.isBuffer(request.body) ? request.body : canonicalJson(request.body ?? null)).digest('hex');
}

/**
 * Runs one state-changing request as one transaction under the caller's scope: the change, exactly
 * one audit record and the idempotency record commit together or not at all (R2, R9).
 * Same key and body → the stored answer; same key still in flight → 409; other body → 422.
 */
export async function runChange<T>(
  ctx: AppContext,
  request: FastifyRequest,
  work: (tx: Tx, actor: Principal, now: Date) => Promise<Change<T>>,
): Promise<{ status: number; body: T }> {
  const actor = requireStaff(request);
  return runKeyed(
    ctx,
    request,
    { scope: scopeOf(actor), principalKey: `staff:${actor.staffId}`, orgId: actor.orgId },
    { actorId: actor.staffId, actorName: actor.name, actorRole: actor.role },
    (tx, now) => work(tx, actor, now),
  );
}

/** Who acts without signing in: a citizen at a kiosk or on a phone, or a hall device (a rating pad). */
export interface PublicActor {
  /** The center the change belongs to: the transaction runs in its scope alone. */
  orgId: string;
  /** Idempotency keys are kept per caller: `public` for citizens, `device:<id>` for a paired device. */
  principalKey: string;
  /** How the audit record names the actor (e.g. 群众（取号机）). */
  actorName: string;
  actorRole: 'public' | 'device';
}

/**
 * A change made without a staff session (taking a ticket, booking, a rating on the window's pad):
 * the same guarantees as runChange — one transaction with the idempotency record and one audit
 * record — in the scope of the one center it belongs to.
 */
export async function runPublicChange<T>(
  ctx: AppContext,
  request: FastifyRequest,
  actor: PublicActor,
  work: (tx: Tx, now: Date) => Promise<Change<T>>,
): Promise<{ status: number; body: T }> {
  return runKeyed(
    ctx,
    request,
    { scope: { kind: 'orgs', orgIds: [actor.orgId] }, principalKey: actor.principalKey, orgId: actor.orgId },
    { actorId: null, actorName: actor.actorName, actorRole: actor.actorRole },
    work,
  );
}

async function runKeyed<T>(
  ctx: AppContext,
  request: FastifyRequest,
  caller: { scope: Scope; principalKey: string; orgId: string },
  auditActor: { actorId: string | null; actorName: string; actorRole: string },
  work: (tx: Tx, now: Date) => Promise<Change<T>>,
): Promise<{ status: number; body: T }> {
  const key = readIdempotencyKey(request);
  const fingerprint = fingerprintOf(request);
  const { principalKey } = caller;
  return ctx.db.transaction(caller.scope, async (tx) => {
    const lock = await tx.query<{ locked: boolean }>('select pg_try_advisory_xact_lock(hashtextextended($1, 0)) as locked', [
      `${principalKey}|${key}`,
    ]);
    if (!lock.rows[0]?.locked) {
      throw new DomainError(commonErrors.IDEMPOTENCY_IN_FLIGHT, '相同的请求正在处理中，请稍候再试。');
    }
    const previous = (
      await tx.query<{ request_hash: string; status_code: number; response: T | null }>(
        'select request_hash, status_code, response from idempotency_keys where principal = $1 and key = $2',
        [principalKey, key],
      )
    ).rows[0];
    if (previous) {
      if (previous.request_hash !== fingerprint) {
        throw new DomainError(commonErrors.IDEMPOTENCY_KEY_REUSED, '该 Idempotency-Key 已用于另一个不同的请求，请为新操作生成新的键。');
      }
      if (previous.response !== null) return { status: previous.status_code, body: previous.response };
    }
    const now = ctx.clock.now();
    const change = await work(tx, now);
    const status = change.status ?? 200;
    if (!previous) {
      await tx.query(
        `insert into idempotency_keys (principal, key, org_id, request_hash, status_code, response, created_at)
         values ($1, $2, $3, $4, $5, $6, $7)`,
        [principalKey, key, caller.orgId, fingerprint, status, change.isDisclosure === true ? null : JSON.stringify(change.body), now],
      );
    }
    // Last before commit: the audit append takes the county-wide chain lock, held until commit, so
    // nothing else may wait inside it.
    await ctx.audit.append(tx, now, {
      ...auditActor,
      orgId: change.audit.orgId,
      action: change.audit.action,
      targetType: change.audit.targetType,
      targetId: change.audit.targetId,
      summary: change.audit.summary,
      clientIp: clientIpOf(request),
    });
    return { status, body: change.body };
  });
}

/** Sends a change's result with its status (201 for creation, 200 otherwise). */
export function sendChange(reply: unknown, result: { status: number; body: unknown }): void {
  void (reply as FastifyReply).code(result.status).send(result.body);
}

/**
 * Idempotency records are kept `retentionDays` (R10: their answers hold names and case details), in
 * batches so that no statement holds its locks for long. Returns how many were removed.
 */
export async function purgeIdempotencyRecords(db: Db, now: Date, retentionDays: number): Promise<number> {
  const before = new Date(now.getTime() - retentionDays * 86_400_000);
  let removed = 0;
  for (;;) {
    const batch = await db.transaction(SYSTEM_SCOPE, (tx) =>
      tx.query(
        `delete from idempotency_keys where ctid = any (array(
           select ctid from idempotency_keys where created_at < $1 limit 5000))`,
        [before],
      ),
    );
    removed += batch.rowCount;
    if (batch.rowCount < 5000) return removed;
  }
}
