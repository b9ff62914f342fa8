/** 材料文件 (files): uploads checked by content and stored content-addressed in the database (R8). */
export { fileRoutes } from './routes.ts';
export { sniffMediaType, MAX_FILE_BYTES } from './sniff.ts';
