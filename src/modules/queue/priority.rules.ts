/**
 * Who is called next (pure). Priority groups follow the seeds' 预约服务 and the 优先窗口 practice for
 * the elderly, disabled people, pregnant women and service members (军人依法优先); the fair policy —
 * at most one priority ticket before every N normal ones — is what Novo SGA's users asked for (#431),
 * so that a morning of priority tickets never stalls the normal queue.
 */
export const PRIORITY_GROUPS = ['appointment', 'elderly', 'disabled', 'pregnant', 'service_member'] as const;
export type PriorityGroup = (typeof PRIORITY_GROUPS)[number];

export const PRIORITY_LABELS: Record<PriorityGroup, string> = {
  appointment: '预约',
  elderly: '老年人',
  disabled: '残疾人',
  pregnant: '孕妇',
  service_member: '军人',
};

/** Priority groups a clerk or the lobby guide (导办) may give on sight of a document; appointment comes from check-in, elderly also from an ID number. */
export const STAFF_PRIORITY_GROUPS = ['elderly', 'disabled', 'pregnant', 'service_member'] as const satisfies readonly PriorityGroup[];

/** A waiting ticket as the ordering sees it. */
export interface Candidate {
  id: string;
  categoryId: string;
  isPriority: boolean;
  /** Its place in the queue (ms): the issue time, later after a no-show rejoined. */
  queuedAt: number;
  /** Its number of the day: tickets taken in the same millisecond keep the order they were numbered in. */
  seq: number;
  /** Transferred to one window (转窗): only that window calls it, before anything else. */
  targetWindowId: string | null;
}

/** The policy's memory per category: normal tickets called since the last priority ticket. */
export type NormalSincePriority = ReadonlyMap<string, number>;

/** Queue order: the queue place, then the number of the day, then the id (so the order is total). */
export function isBefore(a: { queuedAt: number; seq: number; id: string }, b: { queuedAt: number; seq: number; id: string }): boolean {
  if (a.queuedAt !== b.queuedAt) return a.queuedAt < b.queuedAt;
  if (a.seq !== b.seq) return a.seq < b.seq;
  return a.id < b.id;
}

/** The first of the tickets in queue order. */
function earliest<T extends { queuedAt: number; seq: number; id: string }>(tickets: readonly T[]): T | undefined {
  let best: T | undefined;
  for (const ticket of tickets) if (!best || isBefore(ticket, best)) best = ticket;
  return best;
}

/**
 * The head of one category's queue under the policy: the earliest priority ticket when at least
 * `normalPerPriority` normal tickets were called since the last priority one (or no normal ticket
 * waits — nobody is kept waiting for the sake of the ratio), else the earliest normal ticket.
 */
export function headOfCategory(waiting: readonly Candidate[], normalSincePriority: number, normalPerPriority: number): Candidate | null {
  const priority = earliest(waiting.filter((ticket) => ticket.isPriority));
  const normal = earliest(waiting.filter((ticket) => !ticket.isPriority));
  if (!priority) return normal ?? null;
  if (!normal) return priority;
  return normalSincePriority >= normalPerPriority ? priority : normal;
}

/**
 * The ticket a window calls next from the tickets waiting in its categories: one transferred to
 * this window first; otherwise each category's head under the policy, and of those the one that
 * has waited longest. Tickets transferred to another window are never taken.
 */
export function pickNext(
  waiting: readonly Candidate[],
  windowId: string,
  history: NormalSincePriority,
  normalPerPriority: number,
): Candidate | null {
  const forThisWindow = earliest(waiting.filter((ticket) => ticket.targetWindowId === windowId));
  if (forThisWindow) return forThisWindow;
  const open = waiting.filter((ticket) => ticket.targetWindowId === null);
  const byCategory = new Map<string, Candidate[]>();
  for (const ticket of open) byCategory.set(ticket.categoryId, [...(byCategory.get(ticket.categoryId) ?? []), ticket]);
  const heads: Candidate[] = [];
  for (const [categoryId, tickets] of byCategory) {
    const head = headOfCategory(tickets, history.get(categoryId) ?? normalPerPriority, normalPerPriority);
    if (head) heads.push(head);
  }
  return earliest(heads) ?? null;
}

/** The policy's count after a call: a priority ticket starts it again, a normal one adds to it. */
export function countAfterCall(normalSincePriority: number, called: { isPriority: boolean }): number {
  return called.isPriority ? 0 : Math.min(normalSincePriority + 1, 1000);
}

/**
 * People ahead of a waiting ticket in its category, as the policy will order them: the normal tickets
 * queued before it, and the priority tickets it will let pass (for a normal ticket: those queued
 * before it, at most one per `normalPerPriority` normal ones ahead plus one; for a priority ticket:
 * the priority tickets before it and the normal ones the policy serves first).
 */
export function countAhead(
  ticket: { isPriority: boolean; queuedAt: number; seq: number; id: string },
  waiting: readonly { isPriority: boolean; queuedAt: number; seq: number; id: string }[],
  normalPerPriority: number,
): number {
  const before = (other: { queuedAt: number; seq: number; id: string }) => isBefore(other, ticket);
  const normalBefore = waiting.filter((other) => !other.isPriority && before(other)).length;
  const priorityBefore = waiting.filter((other) => other.isPriority && before(other)).length;
  if (ticket.isPriority) {
    const normalWaiting = waiting.filter((other) => !other.isPriority && other.id !== ticket.id).length;
    return priorityBefore + Math.min(normalWaiting, priorityBefore * normalPerPriority);
  }
  const priorityAllowed = normalPerPriority === 0 ? priorityBefore : Math.floor(normalBefore / normalPerPriority) + 1;
  return normalBefore + Math.min(priorityBefore, priorityAllowed);
}
