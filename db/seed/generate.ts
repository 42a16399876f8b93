import { faker } from '@faker-js/faker/locale/da';
import { v7 } from 'uuid';
import { DAY_MS, toTimestamp } from '../../common/time';
import { writePatient } from '../queries/patients';
import type { Store } from '../store';

export interface GenerateOptions {
  seed: number;
  patients: number;
  clinicId: string;
  /** Reference "today" in ms; fixed in tests so the output is the same on every run. */
  now: number;
  onProgress?: (done: number) => void;
}

export interface GenerateSummary {
  patients: number;
  studies: number;
  reports: number;
}

const STUDY_KINDS: ReadonlyArray<readonly [string, string]> = [
  ['CT', 'CT thorax with contrast'],
  ['CT', 'CT head without contrast'],
  ['CT', 'CT abdomen and pelvis'],
  ['MR', 'MR knee, right'],
  ['MR', 'MR lumbar spine'],
  ['MR', 'MR brain'],
  ['US', 'Ultrasound abdomen'],
  ['US', 'Ultrasound thyroid'],
  ['CR', 'X-ray chest, two views'],
  ['DX', 'X-ray hand, left'],
  ['MG', 'Mammography, screening'],
  ['NM', 'Bone scintigraphy'],
  ['PT', 'PET-CT whole body'],
];

/**
 * A deterministic synthetic clinic: the same seed, size and `now` give the same rows, ids
 * included. Names and addresses are Danish (faker's da locale); nothing is a real person.
 */
export function generateClinicData(store: Store, opts: GenerateOptions): GenerateSummary {
  // faker's Danish instance (da, then en, then base): importing only this locale keeps start-up
  // quick; generation is synchronous, so seeding the shared instance here is deterministic
  faker.seed(opts.seed);
  const id = (ms: number) => v7({ msecs: ms, random: Uint8Array.from({ length: 16 }, () => faker.number.int(255)) });
  const summary: GenerateSummary = { patients: 0, studies: 0, reports: 0 };
  const insertStudy = store.sqlite.prepare(
    `INSERT INTO study (id, clinic_id, patient_id, accession_number, modality, description, study_date, validated, validated_at, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertReport = store.sqlite.prepare(
    `INSERT INTO report (id, clinic_id, study_id, status, final_at, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)`,
  );
  const batch = 5_000;
  for (let start = 0; start < opts.patients; start += batch) {
    store.tx(() => {
      for (let i = start; i < Math.min(opts.patients, start + batch); i++) {
        const sexRoll = faker.number.int(99);
        const sex = sexRoll < 49 ? 'F' : sexRoll < 98 ? 'M' : sexRoll < 99 ? 'O' : 'U';
        const given = faker.person.firstName(sex === 'F' ? 'female' : sex === 'M' ? 'male' : undefined);
        const family = faker.person.lastName();
        const dob = faker.date.between({ from: '1930-01-01T00:00:00Z', to: opts.now - 365 * DAY_MS }).toISOString().slice(0, 10);
        const createdMs = opts.now - faker.number.int({ min: 30, max: 3650 }) * DAY_MS;
        const created = toTimestamp(createdMs);
        const ascii = (s: string) => s.toLowerCase().normalize('NFKD').replace(/[^a-z]/g, '');
        const patientId = id(createdMs);
        writePatient(store, {
          id: patientId,
          clinic_id: opts.clinicId,
          mrn: `P${String(1_000_000 + i)}`,
          given_name: given,
          family_name: family,
          date_of_birth: dob,
          sex,
          email: faker.number.int(99) < 88 ? `${ascii(given)}.${ascii(family)}${i}@example.dk` : null,
          mobile: faker.number.int(99) < 80 ? `+45${faker.string.numeric({ length: 8, allowLeadingZeros: false })}` : null,
          postal_code: faker.number.int(99) < 95 ? faker.location.zipCode('####') : null,
          address_line: faker.location.streetAddress(),
          city: faker.location.city(),
          created_at: created,
          updated_at: created,
          version: 0,
          deleted_at: null,
        });
        summary.patients++;
        const studies = faker.number.int(5);
        for (let s = 0; s < studies; s++) {
          const [modality, description] = faker.helpers.arrayElement(STUDY_KINDS);
          const studyMs = faker.date.between({ from: createdMs, to: opts.now }).getTime();
          const studyAt = toTimestamp(studyMs);
          const studyId = id(studyMs);
          const validated = faker.number.int(99) < 92;
          insertStudy.run(studyId, opts.clinicId, patientId, `A${String(10_000_000 + summary.studies)}`, modality, description,
            studyAt.slice(0, 10), validated ? 1 : 0, validated ? studyAt : null, studyAt, studyAt);
          summary.studies++;
          const roll = faker.number.int(99);
          if (roll >= 90) continue;
          const status = roll < 70 ? 'final' : roll < 82 ? 'preliminary' : 'draft';
          const reportMs = Math.min(opts.now, studyMs + faker.number.int({ min: 1, max: 72 }) * 3_600_000);
          const reportAt = toTimestamp(reportMs);
          insertReport.run(id(reportMs), opts.clinicId, studyId, status, status === 'final' ? reportAt : null, reportAt, reportAt);
          summary.reports++;
        }
      }
    });
    opts.onProgress?.(Math.min(opts.patients, start + batch));
  }
  return summary;
}
