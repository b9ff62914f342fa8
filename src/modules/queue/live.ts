import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Db } from '../../db/db.ts';
import type { DisplayView } from './schemas.ts';

/**
 * Live hall screens. Every change to a center's hall sends NOTIFY yizhan_hall '<org id>' in its
 * transaction (delivered at commit, by PostgreSQL to every server process listening, by PGlite
 * within this one); each process keeps one LISTEN and, per center with screens connected to it,
 * reads the screen's data once and pushes it to all of them over SSE. A burst of changes is
 * coalesced into one read; a lost LISTEN connection, once back, refreshes every center.
 */
export const HALL_CHANNEL = 'yizhan_hall';

/** How often an idle stream says it is alive (proxies close silent connections), and refreshes anyway. */
const HEARTBEAT_MS = 15_000;
const REFRESH_MS = 30_000;

export interface Center {
  id: string;
  code: string;
  name: string;
}

type Listener = (view: DisplayView) => void;

interface Room {
  center: Center;
  listeners: Set<Listener>;
  isReading: boolean;
  isDirty: boolean;
  last: DisplayView | null;
}

export interface HallLive {
  /** Streams a center's screen data to an SSE client until it disconnects or the server closes. */
  stream(request: FastifyRequest, reply: FastifyReply, center: Center): Promise<void>;
  /** Ends every stream and stops listening (before the server closes). */
  close(): Promise<void>;
  /** Streams open now (for tests and health). */
  readonly openStreams: number;
}

export function createHallLive(
  db: Db,
  read: (center: Center) => Promise<DisplayView>,
  log: { warn(obj: object, msg: string): void },
): HallLive {
  const rooms = new Map<string, Room>();
  const ends = new Set<() => void>();
  let stopListening: Promise<() => Promise<void>> | undefined;
  let refresher: NodeJS.Timeout | undefined;

  const refresh = async (room: Room): Promise<void> => {
    if (room.isReading) {
      room.isDirty = true;
      return;
    }
    room.isReading = true;
    // Set by a notification that arrives while the read is under way: read once more.
    const isDirty = () => room.isDirty;
    try {
      do {
        room.isDirty = false;
        const view = await read(room.center);
        room.last = view;
        for (const listener of room.listeners) listener(view);
      } while (isDirty() && room.listeners.size > 0);
    } catch (error) {
      log.warn({ err: error, org: room.center.code }, 'hall screen refresh failed');
    } finally {
      room.isReading = false;
    }
  };

  const ensureListening = (): Promise<() => Promise<void>> => {
    stopListening ??= db
      .listen(
        HALL_CHANNEL,
        (orgId) => {
          const room = rooms.get(orgId);
          if (room) void refresh(room);
        },
        () => {
          for (const room of rooms.values()) void refresh(room);
        },
      )
      .catch((error: unknown) => {
        stopListening = undefined;
        throw error;
      });
    refresher ??= setInterval(() => {
      for (const room of rooms.values()) void refresh(room);
    }, REFRESH_MS).unref();
    return stopListening;
  };

  return {
    get openStreams() {
      return ends.size;
    },
    async stream(request, reply, center) {
      await ensureListening();
      let room = rooms.get(center.id);
      if (!room) {
        room = { center, listeners: new Set(), isReading: false, isDirty: false, last: null };
        rooms.set(center.id, room);
      }
      const current = room;
      reply.hijack();
      const raw = reply.raw;
      raw.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-store',
        connection: 'keep-alive',
        'x-accel-buffering': 'no',
        'x-content-type-options': 'nosniff',
      });
      // EventSource reconnects by itself after a drop; two seconds is gentle on a restarting server.
      raw.write('retry: 2000\n\n');
      const send: Listener = (view) => {
        raw.write(`event: display\ndata: ${JSON.stringify(view)}\n\n`);
      };
      current.listeners.add(send);
      const heartbeat = setInterval(() => raw.write(': ping\n\n'), HEARTBEAT_MS);
      const end = () => {
        clearInterval(heartbeat);
        current.listeners.delete(send);
        ends.delete(end);
        if (current.listeners.size === 0 && rooms.get(center.id) === current) rooms.delete(center.id);
        if (!raw.writableEnded) raw.end();
      };
      ends.add(end);
      request.raw.on('close', end);
      raw.on('error', end);
      // The first screenful at once: read fresh for the new screen only if nothing recent is held.
      if (current.last) send(current.last);
      await refresh(current);
    },
    async close() {
      for (const end of [...ends]) end();
      clearInterval(refresher);
      refresher = undefined;
      const stop = stopListening;
      stopListening = undefined;
      if (stop) await (await stop)();
    },
  };
}
