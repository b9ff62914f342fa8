import { z } from 'zod';

/** A stored file as the API shows it: its name's extension comes from the detected type. */
export const FileView = z.object({ id: z.string(), mediaType: z.string(), size: z.number().int(), sha256: z.string(), name: z.string() });
export type FileView = z.infer<typeof FileView>;

/** An upload's body is the file's bytes; its name travels in the query. */
export const UploadQuery = z.strictObject({ name: z.string().trim().min(1, '请提供文件名').max(120) });
