import type { Permission, Role } from '../common/permissions';

export interface StaffSession {
  staffId: string;
  clinicId: string;
  username: string;
  displayName: string;
  roles: Role[];
  permissions: Set<Permission>;
  mustChangePassword: boolean;
  lastActivity: number;
  locked: boolean;
}

/** Staff sessions by client (an Electron window, or a browser tab of the browser host). */
export class Sessions {
  private readonly byClient = new Map<string, StaffSession>();

  get(clientId: string): StaffSession | undefined {
    return this.byClient.get(clientId);
  }

  set(clientId: string, session: StaffSession): void {
    this.byClient.set(clientId, session);
  }

  delete(clientId: string): void {
    this.byClient.delete(clientId);
  }

  /** Every open session of one staff member (one per window or tab), for changes an admin makes to them. */
  ofStaff(staffId: string): Array<[string, StaffSession]> {
    return [...this.byClient].filter(([, s]) => s.staffId === staffId);
  }

  /** Locks every session idle for longer than `idleMs`; returns the clients it locked. */
  lockIdle(now: number, idleMs: number): Array<[string, StaffSession]> {
    const locked: Array<[string, StaffSession]> = [];
    for (const [clientId, s] of this.byClient) {
      if (!s.locked && now - s.lastActivity >= idleMs) {
        s.locked = true;
        locked.push([clientId, s]);
      }
    }
    return locked;
  }
}
