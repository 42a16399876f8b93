import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CredentialLetter, PortalView } from '../../../common/api/portal';
import { Dialog } from '../../components/Dialog';
import { AccountForm, type SubDialog } from './AccountForm';
import { CreateForm } from './CreateForm';
import { LetterDialog } from './LetterDialog';
import { PortalStatusBadge } from './PortalStatusBadge';
import { DeleteDialog, EmailChangeDialog, TempPasswordDialog } from './SubDialogs';

/**
 * The 'Patientportal' form of seed 002, opened from the patient header. One dialog whose body
 * is the create form or the account form; the confirmations and the letter open as dialogs of
 * their own beside it (not inside its <form>, so their Enter submits only them).
 */
export function PortalForm({ view, patientName, onView, onClose }: {
  view: PortalView;
  patientName: string;
  /** `contactChanged`: the patient's email or postal code changed too (the header shows them). */
  onView(view: PortalView, contactChanged?: boolean): void;
  onClose(): void;
}) {
  const { t } = useTranslation();
  const [sub, setSub] = useState<SubDialog | null>(null);
  const [letter, setLetter] = useState<CredentialLetter | null>(null);
  const submitRef = useRef<() => void>(() => undefined);
  const bindSubmit = (fn: () => void) => {
    submitRef.current = fn;
  };
  const account = view.account;
  const statusRef = useRef<HTMLDivElement>(null);
  // the dialog under a closed confirmation or letter takes the focus back, where the new status is
  const refocus = () => setTimeout(() => statusRef.current?.focus(), 0);
  const subProps = { view, patientName, onView, onClose: () => { setSub(null); refocus(); } };

  return (
    <>
      <Dialog open onClose={onClose} title={t('portal.form.title', { name: patientName })} description={t('portal.form.description')}
        returnFocus={() => document.querySelector<HTMLElement>('[data-slot="portal"] .portal-status-button')}
        onSubmit={() => submitRef.current()} wide>
        <div className="portal-form-status" aria-live="polite" tabIndex={-1} ref={statusRef}>
          <PortalStatusBadge status={view.status} />
        </div>
        {!view.portalEnabled ? <p className="warning" role="note">{t('portal.form.portalOff')}</p> : null}
        {account ? (
          <AccountForm key={account.id} view={view} account={account} onView={onView} openSub={setSub} bindSubmit={bindSubmit} />
        ) : (
          <CreateForm key={view.former?.removedAt ?? 'new'} view={view} bindSubmit={bindSubmit}
            onCreated={(v, l) => {
              onView(v, true);
              if (l) setLetter(l);
              else refocus();
            }} />
        )}
      </Dialog>
      {sub === 'delete' ? <DeleteDialog {...subProps} /> : null}
      {sub === 'email' ? <EmailChangeDialog {...subProps} /> : null}
      {sub === 'temp' ? <TempPasswordDialog {...subProps} onLetter={setLetter} /> : null}
      {letter ? <LetterDialog letter={letter} patientId={view.patientId} patientName={patientName} onClose={() => { setLetter(null); refocus(); }} /> : null}
    </>
  );
}
