// fontkit ships no types; pdfkit (which depends on it) takes a parsed font wherever it takes font data.
declare module 'fontkit' {
  export interface Font {
    readonly postscriptName: string;
    layout(text: string): unknown;
  }
  export function create(data: Uint8Array, postscriptName?: string): Font;
}
