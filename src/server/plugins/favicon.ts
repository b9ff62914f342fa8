import type { FastifyInstance } from 'fastify';

const SIZE = 32;
const RED = [0x18, 0x23, 0xb4, 0xff]; // BGRA of #b42318, the red of the notices' header
const WHITE = [0xff, 0xff, 0xff, 0xff];
const CLEAR = [0, 0, 0, 0];

/** The pixel at (x, y) from the top: a rounded red square with a white 一 across it (一站). */
function pixel(x: number, y: number): number[] {
  const corner = 6;
  const dx = Math.max(corner - x, x - (SIZE - 1 - corner), 0);
  const dy = Math.max(corner - y, y - (SIZE - 1 - corner), 0);
  if (dx * dx + dy * dy > corner * corner) return CLEAR;
  return y >= 14 && y <= 18 && x >= 6 && x <= 25 ? WHITE : RED;
}

/** A 32×32, 32-bit ICO (one BMP image), built once: browsers ask /favicon.ico whatever the page says. */
export function faviconIco(): Buffer {
  const pixels = Buffer.alloc(SIZE * SIZE * 4);
  for (let row = 0; row < SIZE; row += 1) {
    // BMP rows run bottom-up.
    const y = SIZE - 1 - row;
    for (let x = 0; x < SIZE; x += 1) Buffer.from(pixel(x, y)).copy(pixels, (row * SIZE + x) * 4);
  }
  const mask = Buffer.alloc((SIZE / 8) * SIZE); // all opaque: the alpha channel decides
  const header = Buffer.alloc(40);
  header.writeUInt32LE(40, 0);
  header.writeInt32LE(SIZE, 4);
  header.writeInt32LE(SIZE * 2, 8); // colour and mask stacked, as ICO wants
  header.writeUInt16LE(1, 12);
  header.writeUInt16LE(32, 14);
  header.writeUInt32LE(pixels.length + mask.length, 20);
  const image = Buffer.concat([header, pixels, mask]);
  const directory = Buffer.alloc(6 + 16);
  directory.writeUInt16LE(0, 0);
  directory.writeUInt16LE(1, 2); // 1 = icon
  directory.writeUInt16LE(1, 4);
  directory.writeUInt8(SIZE, 6);
  directory.writeUInt8(SIZE, 7);
  directory.writeUInt16LE(1, 10);
  directory.writeUInt16LE(32, 12);
  directory.writeUInt32LE(image.length, 14);
  directory.writeUInt32LE(directory.length, 18);
  return Buffer.concat([directory, image]);
}

/** /favicon.ico is an icon, not the portal's HTML (the portal owns every other unknown path). */
export async function registerFavicon(app: FastifyInstance): Promise<void> {
  const icon = faviconIco();
  app.get('/favicon.ico', { schema: { tags: ['public'], summary: '网站图标（32×32，image/x-icon）' } }, (_request, reply) =>
    reply.header('content-type', 'image/x-icon').header('cache-control', 'public, max-age=86400').send(icon),
  );
}
