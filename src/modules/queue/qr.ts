import QRCode from 'qrcode';
import { workerTasks } from '../../kernel/heavy-work.ts';

/** The QR code printed on a ticket (and shown on the kiosk): the ticket's follow page, as SVG. Runs on the worker pool. */
export async function qrSvg(text: string): Promise<string> {
  return QRCode.toString(text, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' });
}

export const qrTasks = workerTasks(import.meta.url, { qrSvg });
