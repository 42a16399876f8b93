import type Database from 'better-sqlite3';
import { prng } from './stats';

export type QueryKind = 'name prefix' | 'two words' | 'MRN prefix' | 'date of birth';
export interface BenchQuery {
  kind: QueryKind;
  text: string;
}

interface Sample {
  mrn: string;
  given_name: string;
  family_name: string;
  date_of_birth: string;
}

/**
 * What front-desk staff type, drawn from real rows of the benchmark clinic: name prefixes of
 * 2-5 letters, two words (given and family name, whole or begun), MRN prefixes of any length,
 * and dates of birth in the formats the search accepts.
 */
export function queryMix(db: Database.Database, count: number, seed = 7): BenchQuery[] {
  const rand = prng(seed);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)] as T;
  const rows = db.prepare('SELECT mrn, given_name, family_name, date_of_birth FROM patient ORDER BY mrn').all() as Sample[];
  const sample = () => pick(rows);
  const prefix = (word: string, min: number, max: number) => word.slice(0, min + Math.floor(rand() * (max - min + 1)));
  const firstWord = (name: string) => name.split(/[\s-]+/)[0] ?? name;

  const queries: BenchQuery[] = [];
  for (let i = 0; i < count; i++) {
    const p = sample();
    const roll = rand();
    if (roll < 0.35) {
      queries.push({ kind: 'name prefix', text: prefix(firstWord(rand() < 0.6 ? p.family_name : p.given_name), 2, 5) });
    } else if (roll < 0.55) {
      const given = firstWord(p.given_name);
      const family = firstWord(p.family_name);
      queries.push({ kind: 'two words', text: rand() < 0.5 ? `${given} ${family}` : `${prefix(given, 2, 4)} ${prefix(family, 2, 5)}` });
    } else if (roll < 0.75) {
      queries.push({ kind: 'MRN prefix', text: p.mrn.slice(0, 3 + Math.floor(rand() * 6)) });
    } else {
      const [y, m, d] = p.date_of_birth.split('-') as [string, string, string];
      queries.push({ kind: 'date of birth', text: pick([`${d}-${m}-${y}`, `${y}-${m}-${d}`, `${d}.${m}.${y}`, `${d}${m}${y}`]) });
    }
  }
  return queries;
}
