import { PDFDocument, StandardFonts, rgb, type PDFFont, type PDFPage } from 'pdf-lib';
import { catalogs, LOCALES, type Language } from '../../common/i18n';
import type { en } from '../../common/i18n/portal';

export interface LetterContent {
  language: Language;
  clinicName: string;
  portalName: string;
  patientName: string;
  username: string;
  password: string;
  portalAddress: string;
  expiresAt: string;
  issuedAt: string;
}

type LetterKey = keyof (typeof en)['portal']['letter'];

function text(language: Language, key: LetterKey, params: Record<string, string> = {}): string {
  const letter = (catalogs[language] as { portal: { letter: Record<LetterKey, string> } }).portal.letter;
  return letter[key].replace(/\{\{(\w+)\}\}/g, (_, name: string) => params[name] ?? '');
}

function longDate(ts: string, language: Language): string {
  return new Intl.DateTimeFormat(LOCALES[language], { dateStyle: 'long' }).format(new Date(ts));
}

/** Letters with a stroke do not decompose: Łukasz is printed as Lukasz rather than ?ukasz. */
const STROKED: Record<string, string> = { Ł: 'L', ł: 'l', Đ: 'D', đ: 'd', Ħ: 'H', ħ: 'h', ı: 'i', Ŧ: 'T', ŧ: 't' };

/** Standard PDF fonts cover Latin-1 (æ, ø, å, é...); anything else is folded or replaced, never a crash. */
function encodable(font: PDFFont, value: string): string {
  const supported = new Set(font.getCharacterSet());
  return [...value]
    .map((ch) => {
      if (supported.has(ch.codePointAt(0) ?? 0)) return ch;
      const plain = (STROKED[ch] ?? ch).normalize('NFKD').replace(/\p{M}+/gu, '');
      return [...plain].every((c) => supported.has(c.codePointAt(0) ?? 0)) && plain ? plain : '?';
    })
    .join('');
}

function wrap(font: PDFFont, size: number, value: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of value.split(/\s+/)) {
    const next = line ? `${line} ${word}` : word;
    if (font.widthOfTextAtSize(next, size) > width && line) {
      lines.push(line);
      line = word;
    } else line = next;
  }
  if (line) lines.push(line);
  return lines;
}

/**
 * The credential letter of a temporary password (seed 004, OpenEMR's "credential summary"):
 * username, temporary password, portal address and expiry, on one A4 page. It is built in
 * memory for the one reply that shows it and is never written to disk by Portal Desk.
 */
export async function buildCredentialLetter(c: LetterContent): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  // the metadata stays generic: PDF viewers show it, and it must never hold the password
  doc.setTitle(text(c.language, 'title', { portal: '' }).replace(/[:\s]+$/, ''));
  doc.setCreator('Portal Desk');
  doc.setProducer('Portal Desk');
  const page = doc.addPage([595.28, 841.89]);
  const regular = await doc.embedFont(StandardFonts.Helvetica);
  const bold = await doc.embedFont(StandardFonts.HelveticaBold);
  const mono = await doc.embedFont(StandardFonts.CourierBold);
  const left = 64;
  const width = 595.28 - 2 * left;
  let y = 770;

  const para = (value: string, font: PDFFont = regular, size = 11, gap = 6) => {
    for (const line of wrap(font, size, encodable(font, value), width)) {
      draw(page, line, left, y, font, size);
      y -= size + 4;
    }
    y -= gap;
  };
  const field = (label: string, value: string, font: PDFFont = bold, size = 13) => {
    draw(page, encodable(regular, label), left, y, regular, 10, rgb(0.35, 0.38, 0.43));
    y -= size + 6;
    draw(page, encodable(font, value), left, y, font, size);
    y -= 24;
  };

  para(c.clinicName, bold, 12, 2);
  para(text(c.language, 'issued', { date: longDate(c.issuedAt, c.language) }), regular, 10, 28);
  para(text(c.language, 'title', { portal: c.portalName }), bold, 17, 14);
  para(text(c.language, 'greeting', { name: c.patientName }));
  para(text(c.language, 'intro', { clinic: c.clinicName, portal: c.portalName }), regular, 11, 18);
  field(text(c.language, 'address'), c.portalAddress || text(c.language, 'addressUnknown'));
  field(text(c.language, 'username'), c.username, mono, 15);
  field(text(c.language, 'password'), c.password, mono, 15);
  para(text(c.language, 'expires', { date: longDate(c.expiresAt, c.language) }), bold, 11, 8);
  para(text(c.language, 'mustChange'));
  para(text(c.language, 'keepPrivate'));
  return doc.save();
}

function draw(page: PDFPage, value: string, x: number, y: number, font: PDFFont, size: number, color = rgb(0.1, 0.14, 0.19)) {
  page.drawText(value, { x, y, font, size, color });
}

export function letterFileName(mrn: string): string {
  return `portal-credentials-${mrn.replace(/[^A-Za-z0-9-]/g, '')}.pdf`;
}
