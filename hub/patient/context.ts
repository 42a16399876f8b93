import type { FastifyReply, FastifyRequest } from 'fastify';
import type { PortalRight } from '../../common/settings';
import { toTimestamp } from '../../common/time';
import type { HubContext } from '../context';
import { accessProblem, getAccount, getPatient, getState, rightsOf, type AccountState, type PatientRow, type PortalAccount } from './accounts';
import { clinicPortal, type ClinicPortal } from './clinic';
import { html } from './html';
import { clearCookie, COOKIE, fill } from './http';
import { clinicPath, notice, pageOpen, renderPage, type NavKey } from './layout';
import type { RateLimiter } from './limits';
import type { ScryptCost } from './passwords';
import { endSession, useSession, type PatientSession } from './sessions';

export interface PatientOptions {
  /** `--demo-eid`: offer a clearly labelled simulated MitID step. Never on unless asked for. */
  demoEid: boolean;
  /** scrypt cost of patients' passwords (tests pass a cheap one). */
  scrypt: ScryptCost;
}

/** What every route of the patient side gets. */
export interface PatientDeps {
  hub: HubContext;
  opts: PatientOptions;
  limiter: RateLimiter;
}

export const nowOf = (deps: PatientDeps) => toTimestamp(deps.hub.clock.now());

/** Messages a redirect can ask the sign-in page to show (`?m=`). */
export type SignInMessage = 'idle' | 'signedOut' | 'passwordChanged' | 'sessionEnded';

/** The clinic of a `/c/:clinic/...` page: 404 when unknown; the "portal is closed" page when its portal is off. */
export async function openClinic(deps: PatientDeps, req: FastifyRequest, reply: FastifyReply): Promise<ClinicPortal | null> {
  const id = (req.params as { clinic?: string }).clinic ?? '';
  const clinic = await clinicPortal(deps.hub.store.db, id);
  const t = req.patient.t;
  if (!clinic) {
    renderPage(req, reply, { title: t.common.notFound, body: html`<p><a href="/">${t.root.title}</a></p>`, status: 404 });
    return null;
  }
  if (!clinic.settings['portal.enabled']) {
    renderPage(req, reply, { title: t.common.closedTitle, clinic, body: notice(fill(t.common.closed, { clinic: clinic.portalName })), status: 503 });
    return null;
  }
  return clinic;
}

export interface SignedIn {
  clinic: ClinicPortal;
  session: PatientSession;
  account: PortalAccount;
  state: AccountState | undefined;
  patient: PatientRow;
  rights: PortalRight[];
}

/**
 * The signed-in patient of this clinic's page, or a redirect to sign in. Every request checks
 * again that the account may still be used (access on, association not deleted, not locked), so
 * staff's changes take effect at the patient's next click.
 */
export async function requirePatient(deps: PatientDeps, req: FastifyRequest, reply: FastifyReply, clinic: ClinicPortal, o: { allowMustChange?: boolean } = {}): Promise<SignedIn | null> {
  const { db } = deps.hub.store;
  const path = clinicPath(clinic);
  const found = await useSession(db, req.patient.cookies[COOKIE.session], clinic.id, clinic.settings['portal.sessionMinutes'], deps.hub.clock.now());
  const away = (m: SignInMessage | null) => {
    clearCookie(req, COOKIE.session, path);
    reply.code(303).header('location', m ? `${path}?m=${m}` : path).send();
    return null;
  };
  if (!found.ok) return away(found.reason === 'idle' ? 'idle' : req.patient.cookies[COOKIE.session] ? 'sessionEnded' : null);
  const { session } = found;
  const account = await getAccount(db, session.accountId);
  const state = account ? await getState(db, account.id) : undefined;
  const patient = account ? await getPatient(db, account.patient_id) : undefined;
  if (accessProblem(account, state) || !account || !patient || patient.deleted_at) {
    await endSession(db, session.idHash, 'accessWithdrawn', nowOf(deps));
    return away('sessionEnded');
  }
  if (session.mustChange && !o.allowMustChange) {
    reply.code(303).header('location', clinicPath(clinic, 'change-password')).send();
    return null;
  }
  return { clinic, session, account, state, patient, rights: rightsOf(account) };
}

/** The signed-in patient of a page their rights must open; without the right they are sent to their start page. */
export async function patientPage(deps: PatientDeps, req: FastifyRequest, reply: FastifyReply, key: NavKey): Promise<SignedIn | null> {
  const clinic = await openClinic(deps, req, reply);
  const me = clinic && (await requirePatient(deps, req, reply, clinic));
  if (!me) return null;
  if (!pageOpen(key, me.rights)) {
    reply.code(303).header('location', clinicPath(me.clinic, 'home')).send();
    return null;
  }
  return me;
}
