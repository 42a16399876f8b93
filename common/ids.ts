import { v7 } from 'uuid';

/** Time-ordered UUIDv7, generated where the row is created (workstation or hub). */
export function newId(): string {
  return v7();
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
export function isId(value: string): boolean {
  return UUID.test(value);
}
