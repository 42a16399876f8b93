import { z } from 'zod';
import type { Role } from '../permissions';
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
}

export const staffMethods = {
  'staff.list': query({ input: z.object({}), output: out<StaffRow[]>(), access: 'staff.manage' }),
  'staff.unlock': command({
    input: z.object({ id: z.uuid() }),
    output: out<StaffRow>(),
    access: 'staff.manage',
  }),
};
