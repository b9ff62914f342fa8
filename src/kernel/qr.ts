import QRCode from 'qrcode';
import { workerTasks } from './heavy-work.ts';

/** A QR code as SVG (a ticket's follow page, a township portal's address for its hall wall). Runs on the worker pool. */
export async function qrSvg(text: string): Promise<string> {
  return QRCode.toString(text, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' });
}

export const qrTasks = workerTasks(import.meta.url, { qrSvg });
