import type { FastifyRequest } from 'fastify';
import { isReady } from '../../common/rules/accessDelay';
import { formatDate, formatDateTime } from './format';
import { html, type Html } from './html';
import { fill } from './http';
import type { KeyStudy } from './issuedKeys';

/**
 * The studies a key (or a signed-in patient's keys) shows, with seed 003's delays: the report is
 * "ready at …" until its ready time; the images are not yet available while they have no ready
 * time (the study is not validated) or it lies ahead.
 */
export function studyTable(req: FastifyRequest, studies: readonly KeyStudy[], now: string, empty = req.patient.t.keyResults.none): Html {
  const t = req.patient.t.keyResults;
  const lang = req.patient.lang;
  if (studies.length === 0) return html`<p>${empty}</p>`;
  const report = (s: KeyStudy) => (isReady(s.reportReadyAt, now) ? t.reportReady : fill(t.readyAt, { time: formatDateTime(lang, s.reportReadyAt) }));
  const images = (s: KeyStudy) => {
    if (isReady(s.imagesReadyAt, now)) return t.imagesReady;
    return s.imagesReadyAt ? fill(t.imagesLater, { time: formatDateTime(lang, s.imagesReadyAt) }) : t.imagesNotYet;
  };
  const rows = studies.map(
    (s) => html`<tr><td>${s.description}</td><td>${formatDate(lang, s.studyDate)}</td><td>${s.modality}</td><td>${report(s)}</td><td>${images(s)}</td></tr>`,
  );
  return html`<table><thead><tr><th scope="col">${t.study}</th><th scope="col">${t.date}</th><th scope="col">${t.modality}</th><th scope="col">${t.report}</th><th scope="col">${t.images}</th></tr></thead>
<tbody>${rows}</tbody></table>`;
}
