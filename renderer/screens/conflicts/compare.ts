/**
 * Both sides of a conflict as a field-by-field comparison. Pure: no DOM, no logging (the values
 * are patient data and stay on the screen).
 */
export type SideRecord = Record<string, unknown>;

export interface CompareLine {
  field: string;
  ours: string | null;
  theirs: string | null;
  differs: boolean;
}

/** Bookkeeping every synced row carries; it says nothing a person needs to compare. */
const BOOKKEEPING = new Set(['id', 'clinic_id', 'version', 'deleted_at', 'created_at', 'updated_at', 'search_text']);
/** Never shown, even hashed. */
const SECRET = /hash|secret|token|credential|password/i;

/**
 * The record one side holds. The hub's side is a row; our side is what the workstation sent: a
 * mutation's arguments, whose `put` carries whole rows (the one with the conflict's id is taken).
 */
export function recordOf(json: string | null, entity: string | null, entityId: string | null): SideRecord | null {
  if (!json) return null;
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    return null;
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) return null;
  const put = (value as { put?: unknown }).put;
  if (put && typeof put === 'object') {
    const byEntity = put as Record<string, unknown>;
    const rows = (entity && Array.isArray(byEntity[entity]) ? (byEntity[entity] as unknown[]) : Object.values(byEntity).flat()).filter(
      (r): r is SideRecord => !!r && typeof r === 'object',
    );
    return rows.find((r) => r.id === entityId) ?? rows[0] ?? null;
  }
  return value as SideRecord;
}

function text(v: unknown): string | null {
  if (v === null || v === undefined || v === '') return null;
  return typeof v === 'object' ? JSON.stringify(v) : String(v);
}

/** Every field either side has (ours first, in its order), with whether the two disagree. */
export function compareSides(ours: SideRecord | null, theirs: SideRecord | null): CompareLine[] {
  const fields = [...new Set([...Object.keys(ours ?? {}), ...Object.keys(theirs ?? {})])].filter((f) => !BOOKKEEPING.has(f) && !SECRET.test(f));
  return fields.map((field) => {
    const a = text(ours?.[field]);
    const b = text(theirs?.[field]);
    return { field, ours: a, theirs: b, differs: !!ours && !!theirs && a !== b };
  });
}

/** "Jensen, Anna (P1000003)" for a patient; otherwise the row's name, if it has one. */
export function recordName(entity: string | null, record: SideRecord | null): string | null {
  if (!record) return null;
  if (entity === 'patient' && record.family_name) return `${text(record.family_name)}, ${text(record.given_name) ?? ''} (${text(record.mrn) ?? ''})`;
  return text(record.display_name) ?? text(record.name) ?? text(record.username) ?? null;
}
