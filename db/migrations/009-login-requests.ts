import type { Migration } from './types';

/**
 * Login requests decided (issue 7). The hub-owned `login_request` gains the decision's details,
 * all written by the hub from a workstation's command: the patient the account was made for, a
 * typed rejection reason (shown to the patient only on the hub's page behind the emailed link,
 * never in the email), whether the decision was automatic, and why a request was left for staff.
 *
 * Matching a request against the patients looks candidates up by birth date (patient_dob), by
 * name word (patient_name_token) and by email address: the last needs its own index.
 */
export const loginRequests: Migration = {
  version: 9,
  name: 'login-requests',
  sql: `
ALTER TABLE login_request ADD COLUMN patient_id TEXT;
ALTER TABLE login_request ADD COLUMN reject_note TEXT;
-- nullable: rows a hub wrote before it knew the column arrive without it (null = no)
ALTER TABLE login_request ADD COLUMN decided_automatically INTEGER CHECK (decided_automatically IN (0, 1));
-- why the workstation's automatic approval left the request to staff (common/rules/autoApproval.ts)
ALTER TABLE login_request ADD COLUMN manual_reason TEXT;
CREATE INDEX login_request_created ON login_request(created_at);
CREATE INDEX patient_email ON patient(lower(email));
`,
};
