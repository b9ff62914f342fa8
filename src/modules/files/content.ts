import { open } from 'node:fs/promises';
import { setImmediate as yieldTurn } from 'node:timers/promises';
import { SYSTEM_SCOPE, type Db, type Scope } from '../../db/db.ts';
import { CHUNK_BYTES } from './kinds.ts';
import * as repo from './repo.ts';

/** Orphaned content (no file refers to it) is kept this long: an upload may be about to finish with it. */
export const ORPHAN_GRACE_MS = 24 * 3_600_000;

const chunkCountOf = (size: number) => Math.ceil(size / CHUNK_BYTES);

/**
 * Stores the bytes of a temporary file as the org's content `sha256`, before the change that records
 * the file (docs/adr, file content in chunks): each chunk is one statement in its own short
 * transaction, so nothing else waits long for the database, and the event loop gets a turn between
 * chunks (PGlite's promises resolve without yielding). The last statement declares the content
 * complete only if every chunk is there. Bytes already stored in the org are not written again; a
 * crash leaves chunks that the orphan job removes, never a file without its bytes.
 */
export async function storeContent(
  db: Db,
  scope: Scope,
  content: { orgId: string; sha256: string; size: number; path: string },
  now: () => Date,
): Promise<void> {
  const { orgId, sha256, size } = content;
  if ((await db.transaction(scope, (tx) => repo.touchContent(tx, orgId, sha256, now()))) === size) return;
  const chunkCount = chunkCountOf(size);
  const present = await db.transaction(scope, (tx) => repo.touchChunks(tx, orgId, sha256, now()));
  const file = await open(content.path, 'r');
  try {
    for (let seq = 0; seq < chunkCount; seq++) {
      if (present.has(seq)) continue;
      const data = Buffer.alloc(Math.min(CHUNK_BYTES, size - seq * CHUNK_BYTES));
      const { bytesRead } = await file.read(data, 0, data.length, seq * CHUNK_BYTES);
      if (bytesRead !== data.length) throw new Error(`upload file shorter than its size (${content.path})`);
      await db.transaction(scope, (tx) => repo.insertChunk(tx, { orgId, sha256, seq, data }, now()));
      await yieldTurn();
    }
  } finally {
    await file.close();
  }
  const isComplete = await db.transaction(scope, (tx) => repo.completeContent(tx, { orgId, sha256, size, chunkCount }, now()));
  if (!isComplete) throw new Error(`content ${sha256} of org ${orgId} is incomplete after writing every chunk`);
}

/** A file's bytes in order, chunk by chunk, each read in its own short transaction under the reader's scope. */
export async function* contentOf(db: Db, scope: Scope, file: { orgId: string; sha256: string; size: number }): AsyncGenerator<Buffer> {
  for (let seq = 0; seq < chunkCountOf(file.size); seq++) {
    const chunk = await db.transaction(scope, (tx) => repo.readChunk(tx, file.orgId, file.sha256, seq));
    // Cannot happen while file_contents holds its row (the orphan job only removes chunks of no content).
    if (chunk === null) throw new Error(`chunk ${String(seq)} of ${file.sha256} is missing`);
    yield chunk;
    await yieldTurn();
  }
}

/**
 * The orphan job: content no file refers to and chunks of no complete content, unused for a day
 * (an upload that failed its checks' change, crashed or was refused as a reused key), removed in small
 * batches so that no statement runs long. Returns how many rows went.
 */
export async function purgeOrphanFileContent(db: Db, now: Date): Promise<{ contents: number; chunks: number }> {
  const before = new Date(now.getTime() - ORPHAN_GRACE_MS);
  const removed = { contents: 0, chunks: 0 };
  for (;;) {
    const batch = await db.transaction(SYSTEM_SCOPE, (tx) => repo.deleteOrphanContents(tx, before, 100));
    removed.contents += batch;
    if (batch < 100) break;
  }
  for (;;) {
    const batch = await db.transaction(SYSTEM_SCOPE, (tx) => repo.deleteOrphanChunks(tx, before, 16));
    removed.chunks += batch;
    if (batch < 16) break;
    await yieldTurn();
  }
  return removed;
}
