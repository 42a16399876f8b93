import type { FastifyInstance } from 'fastify';
import { patientAudit } from '../audit';
import { nowOf, patientPage, type PatientDeps } from '../context';
import { html } from '../html';
import { keysOfAccount, statusOf, studiesOfKeys } from '../issuedKeys';
import { renderPage } from '../layout';
import { studyTable } from '../studyList';

/**
 * The signed-in patient's results: the studies of the keys bound to their account (auto-issued
 * ones have no code; staff-issued ones to a portal patient have one too). Only keys Issued keys
 * would call active count: disabled (by staff or with the portal), expired and locked keys show
 * nothing, and a disabled portal closes the page itself.
 */
export function myResultsRoutes(app: FastifyInstance, deps: PatientDeps): void {
  const { db } = deps.hub.store;

  app.get('/c/:clinic/my-results', async (req, reply) => {
    const me = await patientPage(deps, req, reply, 'myResults');
    if (!me) return reply;
    const t = req.patient.t.myResults;
    const now = nowOf(deps);
    const live: string[] = [];
    for (const key of await keysOfAccount(db, me.clinic.id, me.account.id)) {
      if (key.patient_id === me.patient.id && (await statusOf(db, key, now)) === 'active') live.push(key.id);
    }
    const studies = await studiesOfKeys(db, live);
    await patientAudit(db, now, { clinicId: me.clinic.id, accountId: me.account.id, patientId: me.patient.id, action: 'myResults.view', source: req.ip, detail: { keys: live.length, studies: studies.length } });
    return renderPage(req, reply, {
      title: t.title, clinic: me.clinic, nav: { rights: me.rights, current: 'myResults' },
      body: html`${studies.length ? html`<p>${t.intro}</p>` : ''}${studyTable(req, studies, now, t.none)}`,
    });
  });
}
