/** The hall's links and QR codes use the platform's one public address (YIZHAN_PUBLIC_URL, see the kernel). */
export { publicBaseUrl } from '../../kernel/public-url.ts';
