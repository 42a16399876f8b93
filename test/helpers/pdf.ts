import { inflateSync } from 'node:zlib';

/**
 * The lines of text a pdf-lib document draws: its content streams inflated, and each hex string
 * shown with Tj decoded (standard fonts use WinAnsi, which is Latin-1 for the letters we print).
 */
export function pdfLines(pdf: Uint8Array): string[] {
  const bytes = Buffer.from(pdf);
  const text = bytes.toString('latin1');
  const lines: string[] = [];
  for (const m of text.matchAll(/stream\r?\n/g)) {
    const start = m.index + m[0].length;
    const end = text.indexOf('endstream', start);
    let content: string;
    try {
      content = inflateSync(bytes.subarray(start, end)).toString('latin1');
    } catch {
      continue;
    }
    for (const h of content.matchAll(/<([0-9A-Fa-f]*)> Tj/g)) lines.push(Buffer.from(h[1] ?? '', 'hex').toString('latin1'));
  }
  return lines;
}
