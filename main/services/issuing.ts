import type { IssuedKeyCreated } from '../../common/api/issuing';
import { formatAccessCode, generateAccessCode, parseAccessCode } from '../../common/rules/accessCode';
import { DomainError, fieldError } from '../../common/result';
import { runCommand } from '../../db/command';
import { getKeys, studyForIssuing, type IssuingStudyRow } from '../../db/queries/issuedKeys';
import { getPatientRow } from '../../db/queries/patients';
import { accountOf, getRequest, openRequestOf } from '../../db/queries/portalPatients';
import { getSetting } from '../../db/queries/settings';
import { hashAccessCode, verifyAccessCode } from '../accessCodes';
import { commandContext, requireSession } from '../context';
import type { Handlers } from '../dispatcher';
import { renderAccessSlip } from '../slip';
import { writeIssuedKey } from './issueKey';

/** Field error for a code someone typed or passed: malformed, or mistyped (check symbol). */
export function codeProblemError(field: string, code: string) {
  const parsed = parseAccessCode(code);
  if (parsed.ok) return { canonical: parsed.canonical, error: null };
  const key = parsed.problem === 'check' ? 'issuing.errors.codeCheck' : parsed.problem === 'empty' ? 'errors.required' : `issuing.errors.code_${parsed.problem}`;
  return { canonical: null, error: fieldError(field, key, `access code: ${parsed.problem}`, parsed.params) };
}

export const issuingHandlers: Pick<Handlers, 'keys.issue' | 'keys.printSlip'> = {
  /**
   * Issue the access code: the key, its studies, the request handled, in one command. The code
   * is made and hashed before the transaction (scrypt takes a few tens of ms) and returned once.
   */
  'keys.issue': async (input, ctx) => {
    const session = requireSession(ctx);
    if (!input.identityConfirmed) throw fieldError('identityConfirmed', 'issuing.errors.confirmIdentity', 'Patient validation was not confirmed');
    const canonical = generateAccessCode();
    const stored = await hashAccessCode(canonical);
    const result = runCommand(commandContext(ctx), {
      run: (w) => {
        const { store } = w;
        if (!getSetting(store, 'portal.enabled')) throw new DomainError('portal_disabled', 'the patient portal is disabled', { key: 'errors.portal_disabled' });
        const patient = getPatientRow(store, input.patientId);
        if (!patient) throw new DomainError('not_found', 'patient not found', { key: 'errors.patientNotFound' });
        let request = input.requestId ? getRequest(store, input.requestId) : openRequestOf(store, patient.id);
        if (input.requestId && !request) throw fieldError('requestId', 'issuing.errors.requestNotFound', 'result request not found');
        if (request && request.matched_patient_id !== patient.id) {
          throw fieldError('requestId', 'issuing.errors.requestOtherPatient', 'the request belongs to another patient');
        }
        if (request && request.status !== 'new') request = undefined;
        const studies: IssuingStudyRow[] = [];
        for (const id of new Set(input.studyIds)) {
          const s = studyForIssuing(store, id, w.now);
          if (!s || s.patient_id !== patient.id) throw fieldError('studyIds', 'issuing.errors.studyOtherPatient', 'a study is not this patient’s');
          if (!s.final_at) {
            throw fieldError('studyIds', 'issuing.errors.studyNotFinal', 'only studies with a final report can be issued', { accession: s.accession_number });
          }
          studies.push(s);
        }
        const account = accountOf(store, patient.id);
        const notify = getSetting(store, 'portal.notifyOnIssue');
        const { key, studies: rows } = writeIssuedKey(w, {
          clinicId: patient.clinic_id,
          patientId: patient.id,
          accountId: account?.id ?? request?.account_id ?? null,
          requestId: request?.id ?? null,
          origin: 'staff',
          code: stored,
          staff: { id: session.staffId, username: session.username },
          studies: studies.map((s) => ({ id: s.id, validatedAt: s.validated_at, reportFinalAt: s.final_at as string })),
          notify: notify ? 'issued' : null,
        });
        if (request) {
          // shown as handled at once; the hub's answer (applied, or handled elsewhere first) arrives by pull
          store.run(
            store.k.updateTable('result_request').set({ status: 'handled', handled_by: session.username, handled_at: w.now }).where('id', '=', request.id),
          );
          w.mutate('requests.handle', { id: request.id, baseVersion: request.version, status: 'handled', keyId: key.id }, [
            { entity: 'result_request', id: request.id },
          ]);
        }
        const created: IssuedKeyCreated = {
          keyId: key.id,
          code: formatAccessCode(canonical),
          issuedAt: key.issued_at,
          expiresAt: key.expires_at,
          studies: studies.map((s, i) => ({
            id: s.id,
            accessionNumber: s.accession_number,
            description: s.description,
            imagesReadyAt: rows[i]?.images_ready_at ?? null,
            reportReadyAt: rows[i]?.report_ready_at ?? w.now,
          })),
          requestHandled: request !== undefined,
          notify,
          status: 'active',
        };
        return { created, request: request?.id ?? null };
      },
      audit: ({ created, request }) => ({
        action: 'key.issue',
        patientId: input.patientId,
        entityType: 'issued_key',
        entityId: created.keyId,
        detail: [
          `studies ${created.studies.map((s) => s.accessionNumber).join(',')}`,
          request ? `request ${request}` : null,
          created.notify ? 'notify' : null,
        ].filter(Boolean).join('; '),
      }),
    });
    return result.created;
  },

  /**
   * The access slip, while the code is still on screen: the code must match the key's hash, so
   * a slip always carries the right code. Printing asks for a reason, and is audited with it.
   */
  'keys.printSlip': async ({ keyId, code, reason, language }, ctx) => {
    const { store } = ctx.app;
    if (!reason) throw fieldError('reason', 'issuing.errors.slipReason', 'printing needs a reason');
    const { canonical, error } = codeProblemError('code', code);
    if (error) throw error;
    const key = getKeys(store, [keyId])[0];
    if (!key) throw new DomainError('not_found', 'key not found', { key: 'keys.errors.keyNotFound' });
    if (!key.code_hash || !(await verifyAccessCode(canonical as string, key.code_hash))) {
      throw fieldError('code', 'issuing.errors.codeNotThisKey', 'the code does not belong to this key');
    }
    const patient = getPatientRow(store, key.patient_id);
    if (!patient) throw new DomainError('not_found', 'patient not found', { key: 'errors.patientNotFound' });
    const studies = store.all(store.k.selectFrom('issued_key_study').select('id').where('key_id', '=', key.id).where('deleted_at', 'is', null)).length;
    const pdf = await renderAccessSlip({
      language,
      portalName: getSetting(store, 'portal.displayName'),
      patientName: `${patient.given_name} ${patient.family_name}`,
      code: formatAccessCode(canonical as string),
      expiresAt: key.expires_at,
      studies,
    });
    runCommand(commandContext(ctx), {
      run: () => null,
      audit: { action: 'key.printSlip', patientId: key.patient_id, entityType: 'issued_key', entityId: key.id, detail: `reason ${reason}` },
    });
    return { fileName: `access-slip-${key.issued_at.slice(0, 10)}.pdf`, pdfBase64: Buffer.from(pdf).toString('base64') };
  },
};
