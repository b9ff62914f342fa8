/**
 * The to-do owns no table: every section is read through the owning module's index.ts (cases' list and
 * counts, the agency's folders awaiting receipt), through the indexes those modules keep for it.
 */
export {};
