/** 材料文件 (files): uploads streamed, checked by parsing their content and stored as chunks of the org's content (R8, P11). */
export { fileRoutes } from './routes.ts';
export { MAX_FILE_BYTES } from './kinds.ts';
/** The orphan job: content no file refers to, unused for a day, removed in small batches. */
export { purgeOrphanFileContent } from './content.ts';
/** What other modules may ask of stored files. */
export { countFilesOf, findStoredFile, type StoredFile } from './repo.ts';
