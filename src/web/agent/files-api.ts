import { api } from '../shared/api.ts';
import { VILLAGE_UPLOAD } from './village-line.ts';

/** A file as the server stored it (files/routes.ts answers this for an upload). */
export interface FileView {
  id: string;
  mediaType: string;
  size: number;
  sha256: string;
  name: string;
}

/** A material photo or a signature, sent as it is; its key is stored with it, so a retry never stores it twice. */
export const uploadFile = (blob: Blob, name: string, key: string) =>
  api.upload<FileView>(`/api/files?name=${encodeURIComponent(name)}`, { data: blob, type: blob.type }, key, VILLAGE_UPLOAD);
