import { z } from 'zod';
import { ROLES, type Role } from '../permissions';
import type { Timestamp } from '../time';
import { command, out, query } from './define';

export interface StaffRow {
  id: string;
  username: string;
  displayName: string;
  roles: Role[];
  disabled: boolean;
  locked: boolean;
  failedAttempts: number;
  lastSignInAt: Timestamp | null;
  portalAuthorised: boolean;
  /** Still on a temporary password set by an admin. */
  mustChangePassword: boolean;
}

/** A temporary password is returned exactly once, by the call that set it; only its hash is kept. */
export interface StaffWithPassword {
  staff: StaffRow;
  temporaryPassword: string;
}

const id = z.uuid();
const displayName = z.string().trim().min(1).max(100);
const roles = z.array(z.enum(ROLES)).min(1).max(ROLES.length);
/** Typed by the admin, or left empty to have one generated; either way it meets the password policy. */
const temporaryPassword = z.string().max(1024).optional();

export const staffMethods = {
  'staff.list': query({ input: z.object({}), output: out<StaffRow[]>(), access: 'staff.manage' }),
  'staff.unlock': command({
    input: z.object({ id }),
    output: out<StaffRow>(),
    access: 'staff.manage',
  }),
  'staff.create': command({
    input: z.object({
      username: z.string().trim().min(1).max(100),
      displayName,
      roles,
      portalAuthorised: z.boolean().default(false),
      password: temporaryPassword,
    }),
    output: out<StaffWithPassword>(),
    access: 'staff.manage',
  }),
  /** Name, roles and the seed 004 "portal authorised" flag (whom patients may write to). */
  'staff.update': command({
    input: z.object({ id, displayName, roles, portalAuthorised: z.boolean() }),
    output: out<StaffRow>(),
    access: 'staff.manage',
  }),
  'staff.setDisabled': command({
    input: z.object({ id, disabled: z.boolean() }),
    output: out<StaffRow>(),
    access: 'staff.manage',
  }),
  /** A new temporary password: the staff member must change it at the next sign-in. */
  'staff.resetPassword': command({
    input: z.object({ id, password: temporaryPassword }),
    output: out<StaffWithPassword>(),
    access: 'staff.manage',
  }),
};
