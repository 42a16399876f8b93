import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { SLIP_REASONS, type IssuedKeyCreated, type SlipReason } from '../../../common/api/issuing';
import { call } from '../../api';
import { useCommands } from '../../app/commands';
import { CommandButton } from '../../components/CommandButton';
import { FormError } from '../../components/FormError';
import { useSubmit } from '../../components/useSubmit';
import { formatDate, formatDateTime } from '../../format';
import { currentLanguage } from '../../i18n';
import { saveFile } from './saveFile';

/** The code, this once; the access slip printed with a reason; Done drops the code. */
export function IssuedStep({ issued, onDone }: { issued: IssuedKeyCreated; onDone(): void }) {
  const { t } = useTranslation();
  const codeRef = useRef<HTMLDivElement>(null);
  const [reason, setReason] = useState<SlipReason | ''>('');
  const [printed, setPrinted] = useState<string | null>(null);
  const print = useSubmit();
  useEffect(() => codeRef.current?.focus(), []);

  const doPrint = () => {
    void print.submit(
      () => call('keys.printSlip', { keyId: issued.keyId, code: issued.code, language: currentLanguage(), ...(reason ? { reason } : {}) }),
      (slip) => {
        saveFile(slip.fileName, slip.pdfBase64);
        setPrinted(slip.fileName);
      },
    );
  };
  useCommands([
    { id: 'issuer.print', label: t('issuing.issued.print'), shortcut: 'Alt+P', permission: 'portal.media', disabled: print.busy, run: doPrint },
    { id: 'issuer.done', label: t('issuing.issued.done'), shortcut: 'Alt+D', run: onDone },
  ]);
  const now = new Date().toISOString();
  return (
    <>
      <div className="access-code-box">
        <div className="access-code-label" id="access-code-label">{t('issuing.issued.codeLabel')}</div>
        <div className="access-code" ref={codeRef} tabIndex={-1} aria-labelledby="access-code-label" data-testid="access-code">
          {issued.code}
        </div>
      </div>
      <div className="notice notice-warn" role="alert">{t('issuing.issued.once')}</div>
      <p>{t('issuing.issued.expires', { date: formatDate(issued.expiresAt) })}</p>
      <h3>{t('issuing.issued.studies')}</h3>
      <ul className="plain-list">
        {issued.studies.map((s) => (
          <li key={s.id}>
            {s.accessionNumber} · {s.description}
            {s.reportReadyAt > now ? ` (${t('issuing.issued.readyAt', { when: formatDateTime(s.reportReadyAt) })})` : ''}
          </li>
        ))}
      </ul>
      {issued.requestHandled ? <p className="muted">{t('issuing.issued.requestHandled')}</p> : null}
      {issued.notify ? <p className="muted">{t('issuing.issued.notified')}</p> : null}
      <div className={`field${print.errors.reason ? ' field-invalid' : ''}`}>
        <label htmlFor="slip-reason">{t('issuing.print.reasonLabel')}</label>
        <select
          id="slip-reason"
          value={reason}
          aria-invalid={print.errors.reason ? true : undefined}
          aria-describedby={print.errors.reason ? 'slip-reason-error' : undefined}
          onChange={(e) => {
            setReason(e.target.value as SlipReason | '');
            print.clear('reason');
          }}
        >
          <option value="">{t('issuing.print.choose')}</option>
          {SLIP_REASONS.map((r) => (
            <option key={r} value={r}>{t(`issuing.print.reasons.${r}`)}</option>
          ))}
        </select>
        {print.errors.reason ? <div id="slip-reason-error" className="field-error" role="alert">{print.errors.reason}</div> : null}
      </div>
      <FormError message={print.errors.code ?? print.errors._form} />
      {printed ? <p role="status" className="field-ok">{t('issuing.print.printed', { file: printed })}</p> : null}
      <div className="dialog-footer">
        <CommandButton command="issuer.print" />
        <CommandButton command="issuer.done" variant="primary" />
      </div>
    </>
  );
}
