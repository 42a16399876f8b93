import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { isId } from '../../../common/ids';
import { entityDb, writeAtHub } from '../../sync/changes';
import { authenticate } from '../../sync/enroll';
import { patientAudit } from '../audit';
import { nowOf, patientPage, type PatientDeps, type SignedIn } from '../context';
import { cleanFileName, DOCUMENT_TYPES, MAX_DOCUMENT_BYTES, readDocument, sniffType, storeDocument } from '../documents';
import { fileInput, textarea, type FieldErrors } from '../forms';
import { html } from '../html';
import { fill, seeOther } from '../http';
import { clinicPath, csrfInput, notice, renderPage } from '../layout';
import { LIMITS } from '../requests';

const MB = MAX_DOCUMENT_BYTES / (1024 * 1024);

/** A signed-in patient sends a document (multipart form; the CSRF token is one of its parts). */
export function documentRoutes(app: FastifyInstance, deps: PatientDeps, csrfValid: (req: FastifyRequest, token: string) => boolean): void {
  const { hub } = deps;

  const form = (req: FastifyRequest, reply: FastifyReply, me: SignedIn, values: { description?: string } = {}, errors: FieldErrors = {}, status = 200) => {
    const t = req.patient.t.document;
    return renderPage(req, reply, {
      title: t.title, clinic: me.clinic, nav: { rights: me.rights, current: 'document' }, status,
      body: html`<p>${t.intro}</p>${Object.keys(errors).length ? notice(req.patient.t.common.fixErrors, 'error') : ''}
<form method="post" action="${clinicPath(me.clinic, 'documents/new')}" enctype="multipart/form-data" novalidate>${csrfInput(req)}
${fileInput({ name: 'file', label: t.file, hint: fill(t.fileHint, { mb: MB }), accept: DOCUMENT_TYPES.join(','), error: errors.file, required: true })}
${textarea({ name: 'description', label: t.description, optional: req.patient.t.common.optional, value: values.description, error: errors.description, maxlength: LIMITS.description })}
<div class="actions"><button type="submit">${t.submit}</button></div></form>`,
    });
  };

  app.get('/c/:clinic/documents/new', async (req, reply) => {
    const me = await patientPage(deps, req, reply, 'document');
    return me ? form(req, reply, me) : reply;
  });

  app.post('/c/:clinic/documents/new', { config: { csrfInHandler: true } }, async (req, reply) => {
    const me = await patientPage(deps, req, reply, 'document');
    if (!me) return reply;
    const e = req.patient.t.errors;
    const fields: Record<string, string> = {};
    let file: { name: string; bytes: Buffer } | null = null;
    let tooLarge = false;
    if (req.isMultipart()) {
      try {
        for await (const part of req.parts()) {
          if (part.type === 'file') {
            const bytes = await part.toBuffer();
            if (part.fieldname === 'file' && part.filename) file = { name: part.filename, bytes };
          } else if (typeof part.value === 'string') {
            fields[part.fieldname] = part.value;
          }
        }
      } catch (err) {
        if ((err as { code?: string }).code !== 'FST_REQ_FILE_TOO_LARGE') throw err;
        tooLarge = true;
      }
    }
    // the token comes before the file in the form, so it is known even when the file was too large
    if (!csrfValid(req, fields._csrf ?? '')) {
      return renderPage(req, reply, { title: req.patient.t.common.formExpired, status: 403, body: notice(req.patient.t.common.formExpired, 'error') });
    }
    const description = (fields.description ?? '').trim();
    const errors: FieldErrors = {};
    const type = file ? sniffType(file.bytes) : null;
    if (tooLarge) errors.file = fill(e.fileSize, { mb: MB });
    else if (!file || file.bytes.length === 0) errors.file = e.file;
    else if (!type) errors.file = e.fileType;
    if ([...description].length > LIMITS.description) errors.description = fill(e.tooLong, { max: LIMITS.description });
    if (Object.keys(errors).length || !file || !type) return form(req, reply, me, { description }, errors, tooLarge ? 413 : 400);
    const now = nowOf(deps);
    const doc = file;
    await writeAtHub(hub, async (changes, trx) => {
      const id = await storeDocument(trx, changes, me.account, now, { fileName: cleanFileName(doc.name, type), type, bytes: doc.bytes, description: description || null });
      await patientAudit(trx, now, { clinicId: me.clinic.id, accountId: me.account.id, patientId: me.patient.id, action: 'request.document', source: req.ip, entityId: id, detail: { bytes: doc.bytes.length, type } });
    });
    return seeOther(reply, clinicPath(me.clinic, 'history?done=document'));
  });
}

/**
 * `GET /sync/v1/documents/:id`: a workstation of the document's clinic fetches its content
 * (authenticated as every sync call is). Each fetch is audited with the workstation's id.
 */
export function documentSyncRoute(app: FastifyInstance, deps: PatientDeps): void {
  const { hub } = deps;
  app.get<{ Params: { id: string } }>('/sync/v1/documents/:id', async (req, reply) => {
    const client = await authenticate(hub, req.headers.authorization);
    if (!client) return reply.code(401).send({ error: 'unknown or revoked workstation credential' });
    const id = req.params.id;
    const meta = isId(id)
      ? ((await entityDb(hub.store.db).selectFrom('e_patient_document').selectAll().where('id', '=', id).where('deleted_at', 'is', null).executeTakeFirst()) as
        | { clinic_id: string; patient_id: string; account_id: string; content_type: string; file_name: string; sha256: string }
        | undefined)
      : undefined;
    const content = meta && meta.clinic_id === client.clinicId ? await readDocument(hub.store.db, id) : undefined;
    await patientAudit(hub.store.db, nowOf(deps), {
      clinicId: client.clinicId, accountId: meta?.account_id ?? null, patientId: content ? (meta?.patient_id ?? null) : null,
      actor: `workstation:${client.clientId}`, action: 'document.fetch', outcome: content ? 'ok' : 'refused', source: req.ip, entityId: isId(id) ? id : null,
    });
    if (!meta || !content) return reply.code(404).send({ error: 'no such document for this clinic' });
    return reply
      .header('content-type', meta.content_type)
      .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(meta.file_name)}`)
      .header('x-content-type-options', 'nosniff')
      .header('cache-control', 'no-store')
      .header('x-document-sha256', meta.sha256)
      .send(content.content);
  });
}
