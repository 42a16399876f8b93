import Database from 'better-sqlite3';
import { randomBytes } from 'node:crypto';
import { request } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { newId } from '../../common/ids';
import { generateAccessCode, normalizeCode } from '../../common/rules/accessCode';
import { DAY_MS, toTimestamp } from '../../common/time';
import { createHub, HUB_DB_FILE, listen } from '../../hub/app';
import { silentHubLogger } from '../../hub/context';
import { verifyAccessCode } from '../../hub/patient/accessCodes';
import { writeAtHub } from '../../hub/sync/changes';
import { hashAccessCode } from '../../main/accessCodes';
import { jsonOut, ms, print, summarize, table } from './stats';

/**
 * Access-code redemption at the hub (issue 4): code + date of birth posted to the real hub over
 * loopback HTTP, as patients' browsers post them, beside the raw prepared statement that finds a
 * key by its lookup and beside scrypt alone (each redemption verifies one candidate with it: the
 * real ceiling). The hub holds FILLER keys that are never asked for (their lookups are random,
 * their hashes fake, so the index has a realistic size without hashing them all) and REAL keys
 * with true scrypt hashes that are redeemed. Each redemption comes from its own loopback address
 * (127.0.x.y), as patients come from their own networks: the per-source limit (20 per 15
 * minutes) is the product's, not the benchmark's, to hit.
 */
const FILLER = Number(process.env.BENCH_REDEEM_KEYS ?? 100_000);
const REAL = Number(process.env.BENCH_REDEEM_REAL ?? 64);
const REDEMPTIONS = Number(process.env.BENCH_REDEEM_N ?? 200);
const CONCURRENCY = Number(process.env.BENCH_REDEEM_CONCURRENCY ?? 8);
const LOOKUPS = 50_000;

const dir = mkdtempSync(join(tmpdir(), 'portal-bench-redeem-'));
const hub = await createHub({ dataDir: dir, log: silentHubLogger });
const url = new URL(await listen(hub, 0));
const clinicId = newId();
const now = toTimestamp(Date.now());
const expires = toTimestamp(Date.now() + 30 * DAY_MS);

// --- the clinic as its workstations would have pushed it
const seedStarted = performance.now();
const real: Array<{ code: string; dob: string }> = [];
const hashed = await Promise.all(
  Array.from({ length: REAL }, async (_, i) => {
    const code = generateAccessCode();
    return { code, dob: `19${String(40 + (i % 60)).padStart(2, '0')}-0${1 + (i % 9)}-1${i % 10}`, stored: await hashAccessCode(normalizeCode(code)) };
  }),
);
const base = { clinic_id: clinicId, deleted_at: null, version: 0 };
await writeAtHub(hub.hub, async (changes) => {
  await changes.put('clinic', { ...base, id: clinicId, name: 'Benchklinik', created_at: now });
  await changes.put('setting', { ...base, id: newId(), key: 'portal.enabled', value: 'true', updated_at: now, updated_by: null });
  for (const k of hashed) {
    const patientId = newId();
    await changes.put('patient', {
      ...base, id: patientId, mrn: `B${real.length}`, given_name: 'Bench', family_name: `Patient ${real.length}`, date_of_birth: k.dob, sex: 'F',
      email: null, mobile: null, postal_code: '8000', address_line: null, city: null, created_at: now, updated_at: now,
    });
    const keyId = newId();
    await changes.put('issued_key', {
      ...base, id: keyId, patient_id: patientId, account_id: null, request_id: null, origin: 'staff', code_lookup: k.stored.lookup, code_hash: k.stored.hash,
      issued_by: null, issuer_username: 'bench', issued_at: now, expires_at: expires, disabled_at: null, disabled_by: null, disabled_reason: null, updated_at: now,
    });
    for (const modality of ['CT', 'MR']) {
      const studyId = newId();
      await changes.put('study', {
        ...base, id: studyId, patient_id: patientId, accession_number: `A${studyId.slice(-8)}`, modality, description: `${modality} bench`, study_date: now.slice(0, 10),
        validated: 1, validated_at: now, created_at: now, updated_at: now,
      });
      await changes.put('report', { ...base, id: newId(), study_id: studyId, status: 'final', final_at: now, created_at: now, updated_at: now });
      await changes.put('issued_key_study', { ...base, id: newId(), key_id: keyId, study_id: studyId, images_ready_at: now, report_ready_at: now });
    }
    real.push({ code: k.code, dob: k.dob });
  }
});
// the filler straight into the hub's table (no change log: nobody pulls them, and 100k logged puts would take minutes)
const fillerPatient = newId();
const file = new Database(join(dir, HUB_DB_FILE));
const insert = file.prepare(`INSERT INTO e_issued_key (id, clinic_id, version, deleted_at, patient_id, account_id, request_id, origin, code_lookup, code_hash,
  issued_by, issuer_username, issued_at, expires_at, disabled_at, disabled_by, disabled_reason, updated_at)
  VALUES (?, ?, 1, NULL, ?, NULL, NULL, 'auto', ?, ?, NULL, NULL, ?, ?, NULL, NULL, NULL, ?)`);
file.transaction(() => {
  for (let i = 0; i < FILLER; i++) {
    insert.run(newId(), clinicId, fillerPatient, randomBytes(4).toString('hex'), `scrypt$16384$8$1$${randomBytes(16).toString('base64')}$${randomBytes(32).toString('base64')}`, now, expires, now);
  }
})();
file.close();
const seedSeconds = (performance.now() - seedStarted) / 1000;

// --- the raw statement: a key by its lookup, prepared once, on the hub's own file
const raw = new Database(join(dir, HUB_DB_FILE), { readonly: true });
const byLookup = raw.prepare('SELECT id, clinic_id, patient_id, account_id, code_hash, expires_at, disabled_at, disabled_reason, deleted_at FROM e_issued_key WHERE clinic_id = ? AND code_lookup = ? AND code_hash IS NOT NULL');
const lookups = (raw.prepare('SELECT code_lookup FROM e_issued_key WHERE clinic_id = ? ORDER BY random() LIMIT 1000').pluck().all(clinicId) as string[]);
const lookupSamples: number[] = [];
const rawStarted = performance.now();
for (let i = 0; i < LOOKUPS; i++) {
  const t0 = performance.now();
  byLookup.all(clinicId, lookups[i % lookups.length]);
  lookupSamples.push(performance.now() - t0);
}
const rawPerSecond = LOOKUPS / ((performance.now() - rawStarted) / 1000);
raw.close();

// --- scrypt alone, as many at once as the hub's thread pool runs
const SCRYPTS = 64;
const first = hashed[0];
if (!first) throw new Error('no real key');
const scryptStarted = performance.now();
await Promise.all(Array.from({ length: SCRYPTS }, () => verifyAccessCode(normalizeCode(first.code), first.stored.hash)));
const scryptPerSecond = SCRYPTS / ((performance.now() - scryptStarted) / 1000);

// --- redemptions over HTTP: the form's page for its CSRF cookie, then code + date of birth
interface Answer {
  status: number;
  location: string | undefined;
  cookies: string[];
  body: string;
}
function send(method: 'GET' | 'POST', path: string, from: string, cookie: string, form?: URLSearchParams): Promise<Answer> {
  const body = form ? Buffer.from(form.toString()) : null;
  const headers: Record<string, string> = { cookie, 'accept-language': 'en', origin: url.origin };
  if (body) Object.assign(headers, { 'content-type': 'application/x-www-form-urlencoded', 'content-length': String(body.length) });
  return new Promise((resolve, reject) => {
    const req = request({ host: url.hostname, port: url.port, path, method, headers, localAddress: from }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, location: res.headers.location, cookies: res.headers['set-cookie'] ?? [], body: Buffer.concat(chunks).toString() }));
    });
    req.on('error', reject);
    req.end(body ?? undefined);
  });
}

const accessPath = `/c/${clinicId}/access`;
const redemptionSamples: number[] = [];
let granted = 0;
async function redeemOnce(n: number): Promise<void> {
  const key = real[n % real.length] as { code: string; dob: string };
  const from = `127.0.${1 + Math.floor(n / 250)}.${1 + (n % 250)}`;
  const page = await send('GET', accessPath, from, '');
  const cookie = page.cookies.map((c) => c.split(';')[0]).join('; ');
  const csrf = /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1] ?? '';
  const t0 = performance.now();
  const r = await send('POST', accessPath, from, cookie, new URLSearchParams({ _csrf: csrf, code: key.code, date_of_birth: key.dob }));
  redemptionSamples.push(performance.now() - t0);
  if (r.status === 303 && r.location?.endsWith('/access/results')) granted++;
}
// a few to warm the page and statement caches, then the timed run
await Promise.all(Array.from({ length: 4 }, (_, i) => redeemOnce(REDEMPTIONS + i)));
redemptionSamples.length = 0;
granted = 0;
let next = 0;
const httpStarted = performance.now();
await Promise.all(Array.from({ length: CONCURRENCY }, async () => {
  while (next < REDEMPTIONS) await redeemOnce(next++);
}));
const httpSeconds = (performance.now() - httpStarted) / 1000;
if (granted !== REDEMPTIONS) throw new Error(`only ${granted} of ${REDEMPTIONS} redemptions opened the results`);
const redemptionsPerSecond = REDEMPTIONS / httpSeconds;

await hub.close();
rmSync(dir, { recursive: true, force: true });

const lookup = summarize(lookupSamples);
const redemption = summarize(redemptionSamples);
print(`Access-code redemption at the hub: ${FILLER.toLocaleString('en')} + ${REAL} keys (seeded in ${seedSeconds.toFixed(1)} s), ${REDEMPTIONS} redemptions, ${CONCURRENCY} at once, ${cpus().length} CPUs`);
print(table([
  ['path', 'per second', 'p50', 'p95'],
  ['raw statement: key by lookup (prepared, one thread)', rawPerSecond.toFixed(0), ms(lookup.p50, 4), ms(lookup.p95, 4)],
  ['scrypt verify alone (N=2^14, r=8), thread pool', scryptPerSecond.toFixed(1), '', ''],
  ['redemption over HTTP (POST code + DOB → 303 to the results)', redemptionsPerSecond.toFixed(1), ms(redemption.p50, 1), ms(redemption.p95, 1)],
]));
print(`redemptions per second / scrypt verifies per second: ${(redemptionsPerSecond / scryptPerSecond).toFixed(2)}`);
jsonOut({ filler: FILLER, real: REAL, redemptions: REDEMPTIONS, concurrency: CONCURRENCY, rawPerSecond, lookup, scryptPerSecond, redemptionsPerSecond, redemption });
