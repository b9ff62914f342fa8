/**
 * Stats serves no HTTP route of its own: its rollups are read through index.ts by the modules that show
 * them (the supervision overview, the ledgers), each with its own permission and scope.
 */
export {};
