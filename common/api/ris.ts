import { z } from 'zod';
import type { Timestamp } from '../time';
import { command, out } from './define';

/**
 * Stand-ins for the RIS feed, which does not exist yet: the demo and the tests use them to make
 * a report final or a study validated, which is what drives auto-issue and the access delays.
 * A real RIS interface will call the same service functions.
 */
export const risMethods = {
  'ris.finalizeReport': command({
    input: z.object({ studyId: z.uuid() }),
    output: out<{ reportId: string; finalAt: Timestamp; alreadyFinal: boolean; autoIssuedKeyId: string | null; autoIssueSkipped: string | null }>(),
    access: 'ris.feed',
  }),
  'ris.validateStudy': command({
    input: z.object({ studyId: z.uuid() }),
    output: out<{ validatedAt: Timestamp; alreadyValidated: boolean; keysUpdated: number }>(),
    access: 'ris.feed',
  }),
};
