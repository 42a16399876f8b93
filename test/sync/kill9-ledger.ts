import { existsSync, readFileSync } from 'node:fs';
import type { Store } from '../../db/store';
import type { HubContext } from '../../hub/context';
import { MARKER_PREFIX } from './kill9-shared';

export interface LedgerStats {
  /** Writes the child reported as committed (its journal). */
  reported: number;
  /** Writes in the workstation's outbox: the reported ones plus those made just before a kill. */
  mutations: number;
  /** Writes the hub holds, counted by their marker in its change log. */
  atHub: number;
  creates: number;
}

interface Marked {
  mutationId: number;
  patientId: string;
  create: boolean;
}

const MAX_LISTED = 15;

/**
 * 0 lost, 0 duplicated, write by write. Every write the child made carries a unique marker
 * (`k9:<run>:<n>`, in the patient's address line). The journal lists what the child promised to
 * keep; the outbox is what the workstation did keep; the hub's change log is what took effect.
 * Each promised write must be in the outbox, each outbox write must have taken effect at the hub
 * exactly once, nothing may take effect that nobody wrote, and each patient must end as its last
 * write left it.
 */
export async function ledgerProblems(hub: HubContext, clinicId: string, ws: Store, journalFile: string, initialPatients: number): Promise<{ problems: string[]; stats: LedgerStats }> {
  const problems: string[] = [];
  const listed = new Map<string, number>();
  const problem = (kind: string, text: string) => {
    const n = (listed.get(kind) ?? 0) + 1;
    listed.set(kind, n);
    if (n <= MAX_LISTED) problems.push(text);
  };

  const reported = new Map<string, string>();
  const journal = existsSync(journalFile) ? readFileSync(journalFile, 'utf8') : '';
  // a line is complete only with its newline; the journal is written after the commit, so a torn
  // last line is a write that was committed but not yet reported, which the outbox still holds
  for (const line of journal.split('\n').slice(0, -1)) {
    const [marker, , id] = line.split(' ');
    if (marker && id) reported.set(marker, id);
  }

  const outbox = new Map<string, Marked>();
  const rows = ws.sqlite.prepare("SELECT mutation_id, args FROM sync_outbox WHERE name = 'rows.put' ORDER BY mutation_id").all() as Array<{ mutation_id: number; args: string }>;
  for (const r of rows) {
    const patient = (JSON.parse(r.args) as { put?: { patient?: Array<Record<string, unknown>> } }).put?.patient?.[0];
    const marker = patient?.address_line;
    if (typeof marker !== 'string' || !marker.startsWith(MARKER_PREFIX)) continue;
    if (outbox.has(marker)) problem('twice', `${marker} is in the workstation's outbox twice`);
    outbox.set(marker, { mutationId: r.mutation_id, patientId: String(patient?.id), create: patient?.mrn === `K9-${marker.slice(MARKER_PREFIX.length)}` });
  }

  const effects = new Map<string, number>();
  const changes = await hub.store.db.selectFrom('change_log').select(['data']).where('scope', '=', clinicId).where('entity', '=', 'patient').execute();
  for (const c of changes) {
    const marker = c.data ? (JSON.parse(c.data) as { address_line?: unknown }).address_line : null;
    if (typeof marker === 'string' && marker.startsWith(MARKER_PREFIX)) effects.set(marker, (effects.get(marker) ?? 0) + 1);
  }

  for (const [marker, id] of reported) {
    const kept = outbox.get(marker);
    if (!kept) problem('unkept', `${marker} (patient ${id}) was committed and reported, but the workstation's outbox does not hold it`);
    if (!effects.has(marker)) problem('lost', `${marker} (patient ${id}) was committed and reported, but never took effect at the hub: LOST`);
  }
  for (const [marker, m] of outbox) {
    const n = effects.get(marker) ?? 0;
    if (n === 0 && !reported.has(marker)) problem('lost', `${marker} (mutation ${m.mutationId}) is in the outbox but never took effect at the hub: LOST`);
    if (n > 1) problem('dup', `${marker} (mutation ${m.mutationId}) took effect ${n} times at the hub: DUPLICATED`);
  }
  for (const marker of effects.keys()) {
    if (!outbox.has(marker) && !reported.has(marker)) problem('phantom', `${marker} took effect at the hub but nobody wrote it`);
  }

  // each patient ends as the last write to it left it (a late replay of an older write must not win)
  const last = new Map<string, string>();
  for (const [marker, m] of outbox) last.set(m.patientId, marker);
  const hubRows = (await hub.store.db.selectFrom('e_patient' as never).select(['id' as never, 'address_line' as never])
    .where('clinic_id' as never, '=', clinicId as never).where('deleted_at' as never, 'is', null).execute()) as Array<{ id: string; address_line: string | null }>;
  const atHub = new Map(hubRows.map((r) => [r.id, r.address_line]));
  for (const [id, marker] of last) {
    if (atHub.get(id) !== marker) problem('final', `patient ${id} ends as "${String(atHub.get(id))}" at the hub, but its last write was ${marker}`);
  }
  const creates = [...outbox.values()].filter((m) => m.create).length;
  if (hubRows.length !== initialPatients + creates) problem('count', `the hub holds ${hubRows.length} patients; ${initialPatients} + ${creates} created were expected`);

  for (const [kind, n] of listed) if (n > MAX_LISTED) problems.push(`... and ${n - MAX_LISTED} more of the kind "${kind}"`);
  return { problems, stats: { reported: reported.size, mutations: outbox.size, atHub: effects.size, creates } };
}
