import { v7 } from 'uuid';
import { DAY_MS, HOUR_MS, toTimestamp } from '../../common/time';
import type { ResultRequestTable } from '../schema';
import type { Store } from '../store';

export interface RequestSeedOptions {
  clinicId: string;
  /** Reference "today" in ms, as for generateClinicData. */
  now: number;
}

interface Candidate {
  id: string;
  given_name: string;
  family_name: string;
  date_of_birth: string;
  sex: string;
  email: string | null;
  mobile: string | null;
}

/**
 * Demo result requests (seed 000): a few patients of the generated clinic asked for their
 * results through the portal, so the Portal patients worklist has something to issue. The
 * patients chosen have at least two studies with a final report. One request comes from someone
 * the RIS does not know (no patient): the worklist shows it, and why no key can be issued.
 * Deterministic: the same generated clinic gives the same requests, ids included.
 */
export function seedResultRequests(store: Store, opts: RequestSeedOptions): number {
  const candidates = store.sqlite
    .prepare(
      `SELECT p.id, p.given_name, p.family_name, p.date_of_birth, p.sex, p.email, p.mobile FROM patient p
       WHERE (SELECT count(*) FROM study s JOIN report r ON r.study_id = s.id AND r.status = 'final' WHERE s.patient_id = p.id) >= 2
       ORDER BY p.mrn LIMIT 4`,
    )
    .all() as Candidate[];
  let n = 0;
  const id = (ms: number) => v7({ msecs: ms, random: Uint8Array.from({ length: 16 }, (_, i) => (n * 31 + i * 7 + 3) & 0xff) });
  const insert = (r: Omit<ResultRequestTable, 'id' | 'clinic_id' | 'version' | 'deleted_at'>, ms: number) => {
    n++;
    store.run(store.k.insertInto('result_request').values({ ...r, id: id(ms), clinic_id: opts.clinicId, version: 0, deleted_at: null }));
  };
  const messages = [
    'Jeg vil gerne se svaret på min scanning.',
    'Må jeg få adgang til mine billeder til min læge?',
    null,
    'Jeg har fået nyt mobilnummer.',
  ];
  candidates.forEach((p, i) => {
    const ms = opts.now - (i + 1) * 5 * HOUR_MS;
    insert(
      {
        account_id: null,
        patient_id: p.id,
        message: messages[i] ?? null,
        status: 'new',
        handled_by: null,
        handled_at: null,
        created_at: toTimestamp(ms),
        requester_given_name: p.given_name,
        requester_family_name: p.family_name,
        requester_date_of_birth: p.date_of_birth,
        requester_sex: p.sex,
        requester_email: p.email,
        // the fourth patient gave a new mobile number: Patient validation highlights it
        requester_mobile: i === 3 ? '+4599887766' : p.mobile,
      },
      ms,
    );
  });
  const first = candidates[0];
  if (first) {
    // an older request of the first patient, handled earlier by the demo media account
    const ms = opts.now - 40 * DAY_MS;
    insert(
      {
        account_id: null,
        patient_id: first.id,
        message: null,
        status: 'handled',
        handled_by: 'media',
        handled_at: toTimestamp(ms + 2 * HOUR_MS),
        created_at: toTimestamp(ms),
        requester_given_name: first.given_name,
        requester_family_name: first.family_name,
        requester_date_of_birth: first.date_of_birth,
        requester_sex: first.sex,
        requester_email: first.email,
        requester_mobile: first.mobile,
      },
      ms,
    );
  }
  const ms = opts.now - 2 * HOUR_MS;
  insert(
    {
      account_id: null,
      patient_id: null,
      message: 'Jeg var til røntgen i sidste uge.',
      status: 'new',
      handled_by: null,
      handled_at: null,
      created_at: toTimestamp(ms),
      requester_given_name: 'Jonas',
      requester_family_name: 'Ukendtsen',
      requester_date_of_birth: '1991-05-17',
      requester_sex: 'M',
      requester_email: 'jonas.ukendtsen@example.dk',
      requester_mobile: '+4522334455',
    },
    ms,
  );
  return n;
}
