import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { HubDB } from '../db/schema';

/** 256 random bits, URL-safe: session ids, link tokens, challenge and registration secrets. */
export const randomToken = (): string => randomBytes(32).toString('base64url');

/** What the hub stores in place of a secret it hands out. */
export const sha256 = (s: string): string => createHash('sha256').update(s).digest('base64url');

export function sameText(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export const hmac = (key: string, value: string): string => createHmac('sha256', key).update(value).digest('base64url');

/**
 * A key the hub made for itself once (hub-only table), so that what it signs with it (CSRF
 * tokens) stays valid across restarts. Inserted if missing; the first writer wins.
 */
export async function hubSecret(db: Kysely<HubDB>, name: string, now: string): Promise<string> {
  const have = await db.selectFrom('hub_secret').select('value').where('name', '=', name).executeTakeFirst();
  if (have) return have.value;
  await db.insertInto('hub_secret').values({ name, value: randomToken(), created_at: now }).onConflict((oc) => oc.column('name').doNothing()).execute();
  return (await db.selectFrom('hub_secret').select('value').where('name', '=', name).executeTakeFirstOrThrow()).value;
}
