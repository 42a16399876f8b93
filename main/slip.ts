import { PDFDocument, rgb, StandardFonts } from 'pdf-lib';
import { catalogs, LOCALES, type Language } from '../common/i18n';

export interface SlipContent {
  language: Language;
  portalName: string;
  patientName: string;
  /** Grouped for reading, as on screen. */
  code: string;
  expiresAt: string;
  studies: number;
}

function text(language: Language, key: string, params: Record<string, string | number> = {}): string {
  const slip = (catalogs[language] as { issuing: { slip: Record<string, string> } }).issuing.slip;
  return (slip[key] ?? key).replace(/\{\{(\w+)\}\}/g, (_m, name: string) => String(params[name] ?? ''));
}

/**
 * The printable access slip: one A5 page with the code, who it is for and until when, and how to
 * use it. No date of birth (it is the second factor) and no study descriptions (PHI the patient
 * will see behind the code anyway).
 */
export async function renderAccessSlip(c: SlipContent): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.setTitle(text(c.language, 'title'));
  doc.setCreator('Portal Desk');
  doc.setProducer('Portal Desk');
  const page = doc.addPage([420, 595]);
  const regular = await doc.embedFont(StandardFonts.Helvetica);
  const bold = await doc.embedFont(StandardFonts.HelveticaBold);
  const mono = await doc.embedFont(StandardFonts.CourierBold);
  const date = new Intl.DateTimeFormat(LOCALES[c.language], { dateStyle: 'long' }).format(new Date(c.expiresAt));
  let y = 545;
  const line = (value: string, size: number, font = regular, gap = 8) => {
    page.drawText(value, { x: 40, y, size, font, color: rgb(0.1, 0.12, 0.16), maxWidth: 340, lineHeight: size * 1.3 });
    const lines = Math.max(1, Math.ceil(font.widthOfTextAtSize(value, size) / 340));
    y -= lines * size * 1.3 + gap;
  };
  line(c.portalName, 11, regular, 4);
  line(text(c.language, 'title'), 20, bold, 18);
  line(text(c.language, 'for'), 10, regular, 2);
  line(c.patientName, 14, bold, 18);
  line(text(c.language, 'codeLabel'), 10, regular, 6);
  page.drawRectangle({ x: 34, y: y - 12, width: 352, height: 40, borderColor: rgb(0.2, 0.3, 0.5), borderWidth: 1.5 });
  line(c.code, 22, mono, 26);
  line(text(c.language, 'expires', { date }), 11, bold, 4);
  line(text(c.language, 'studies', { count: c.studies }), 11, regular, 18);
  for (const key of ['step1', 'step2', 'ready', 'lock', 'keep']) line(text(c.language, key), 10, regular, 6);
  return doc.save();
}
