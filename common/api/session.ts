import { z } from 'zod';
import type { Permission, Role } from '../permissions';
import { command, out, query } from './define';
import { enrollInput } from './sync';

export interface StaffIdentity {
  id: string;
  username: string;
  displayName: string;
  roles: Role[];
  permissions: Permission[];
  mustChangePassword: boolean;
}

export interface DemoAccount {
  username: string;
  password: string;
  role: Role;
}

export interface SessionState {
  setup: 'needed' | 'ready';
  demo: boolean;
  /** Shown on the sign-in screen only in demo mode. */
  demoAccounts: DemoAccount[];
  clinic: { id: string; name: string } | null;
  staff: StaffIdentity | null;
  locked: boolean;
  idleLockSeconds: number;
  workstationId: string;
  appVersion: string;
}

const username = z.string().trim().min(1).max(64);
const password = z.string().min(1).max(1024);

export const sessionMethods = {
  'session.state': query({ input: z.object({}), output: out<SessionState>(), access: 'public', background: true }),
  'session.heartbeat': command({ input: z.object({}), output: out<{ locked: boolean }>(), access: 'public' }),
  'auth.signIn': command({
    input: z.object({ username, password }),
    output: out<SessionState>(),
    access: 'public',
  }),
  'auth.signOut': command({ input: z.object({}), output: out<SessionState>(), access: 'public' }),
  'auth.lock': command({ input: z.object({}), output: out<SessionState>(), access: 'public' }),
  'auth.unlock': command({ input: z.object({ password }), output: out<SessionState>(), access: 'public' }),
  'auth.changePassword': command({
    input: z.object({ current: password, next: z.string().max(1024) }),
    output: out<SessionState>(),
    access: 'signedIn',
  }),
  'setup.createAdmin': command({
    input: z.object({
      clinicName: z.string().trim().min(1).max(100),
      username: z.string().trim().min(3).max(64),
      displayName: z.string().trim().min(1).max(100),
      password: z.string().max(1024),
    }),
    output: out<SessionState>(),
    access: 'public',
  }),
  'setup.openDemo': command({ input: z.object({}), output: out<SessionState>(), access: 'public' }),
  /** An empty workstation joins an existing clinic with a join code; its records arrive from the hub. */
  'setup.joinClinic': command({ input: enrollInput, output: out<SessionState>(), access: 'public' }),
};
