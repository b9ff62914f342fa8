/** R8: what may be uploaded, decided by parsing the bytes, never by the name or the declared type. */
export type AllowedMediaType = 'application/pdf' | 'image/jpeg' | 'image/png' | 'application/ofd';

export const MAX_FILE_BYTES = 10 * 1024 * 1024;

/** Content is stored and read in pieces of this size: one piece per statement (docs/adr, file content in chunks). */
export const CHUNK_BYTES = 64 * 1024;

/** The extension a stored name gets from the detected type. */
export const EXTENSION_OF: Readonly<Record<AllowedMediaType, string>> = {
  'application/pdf': 'pdf',
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'application/ofd': 'ofd',
};

/**
 * What the content checks found. Checks run on a worker thread and return this rather than throw:
 * only an error's message crosses threads. `reason` is stable (tests, logs); `message` is for people.
 */
export type Verdict =
  { ok: true; mediaType: AllowedMediaType } | { ok: false; refusal: 'type' | 'content'; reason: string; message: string };

export const refuseType = (reason: string, message: string): Verdict => ({ ok: false, refusal: 'type', reason, message });
export const refuseContent = (reason: string, message: string): Verdict => ({ ok: false, refusal: 'content', reason, message });
