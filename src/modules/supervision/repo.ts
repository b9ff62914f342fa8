/**
 * Supervision's overview owns no table: it reads stats' rollups, cases' open warnings and the hall's
 * waiting tickets through their index.ts (ADR 0028). (督办, in orders/, keeps its own repo there.)
 */
export {};
