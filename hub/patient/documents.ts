import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import { newId } from '../../common/ids';
import type { HubDB } from '../db/schema';
import type { ChangeWriter, Trx } from '../sync/changes';
import type { PortalAccount } from './accounts';

/**
 * Documents patients send: the metadata is the synced `patient_document` row; the bytes stay on
 * the hub (hub-only `document_content`) and reach staff through GET /sync/v1/documents/:id.
 */
export const MAX_DOCUMENT_BYTES = 10 * 1024 * 1024;
export const DOCUMENT_TYPES = ['application/pdf', 'image/jpeg', 'image/png'] as const;
export type DocumentType = (typeof DOCUMENT_TYPES)[number];

/** The type the bytes themselves show, whatever the browser claimed: only these three are taken. */
export function sniffType(bytes: Buffer): DocumentType | null {
  if (bytes.subarray(0, 5).toString('latin1') === '%PDF-') return 'application/pdf';
  if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg';
  if (bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'image/png';
  return null;
}

/** A file name safe to show and to offer for saving: no path, no control characters, not too long. */
export function cleanFileName(name: string, type: DocumentType): string {
  const base = name.split(/[\\/]/).pop()?.replace(/[\p{Cc}"]/gu, '').trim().slice(0, 120) ?? '';
  const ext = type === 'application/pdf' ? '.pdf' : type === 'image/png' ? '.png' : '.jpg';
  return base || `document${ext}`;
}

export async function storeDocument(
  trx: Trx,
  changes: ChangeWriter,
  account: PortalAccount,
  now: string,
  d: { fileName: string; type: DocumentType; bytes: Buffer; description: string | null },
): Promise<string> {
  const id = newId();
  await trx.insertInto('document_content').values({ document_id: id, clinic_id: account.clinic_id, content: d.bytes }).execute();
  await changes.put('patient_document', {
    id, clinic_id: account.clinic_id, version: 0, deleted_at: null, account_id: account.id, patient_id: account.patient_id,
    file_name: d.fileName, content_type: d.type, size_bytes: d.bytes.length, sha256: createHash('sha256').update(d.bytes).digest('hex'),
    description: d.description, status: 'new', handled_by: null, handled_at: null, created_at: now,
  });
  return id;
}

export async function readDocument(db: Kysely<HubDB>, id: string): Promise<{ clinicId: string; content: Buffer } | undefined> {
  const row = await db.selectFrom('document_content').select(['clinic_id', 'content']).where('document_id', '=', id).executeTakeFirst();
  return row ? { clinicId: row.clinic_id, content: Buffer.from(row.content) } : undefined;
}
