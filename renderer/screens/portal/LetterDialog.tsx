import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CredentialLetter } from '../../../common/api/portal';
import { call } from '../../api';
import { useCommands } from '../../app/commands';
import { CommandButton } from '../../components/CommandButton';
import { Dialog } from '../../components/Dialog';
import { formatDate } from '../../format';

function download(letter: CredentialLetter): void {
  const bytes = Uint8Array.from(atob(letter.pdfBase64), (c) => c.charCodeAt(0));
  const url = URL.createObjectURL(new Blob([bytes], { type: 'application/pdf' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = letter.fileName;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/**
 * The credential letter, shown once: the temporary password exists only in this dialog's state
 * and in the PDF; closing the dialog drops both. Saving and printing are audited.
 */
export function LetterDialog({ letter, patientId, patientName, onClose }: { letter: CredentialLetter; patientId: string; patientName: string; onClose(): void }) {
  const { t } = useTranslation();
  return (
    <Dialog open onClose={onClose} title={t('portal.letterPanel.title')} onSubmit={onClose} wide
      footer={<>
        <CommandButton command="letter.download" />
        <CommandButton command="letter.print" />
        <button type="submit" className="btn btn-primary">{t('portal.letterPanel.done')}</button>
      </>}>
      <LetterContent letter={letter} patientId={patientId} patientName={patientName} />
    </Dialog>
  );
}

/** Inside the dialog, so that its Alt+D and Alt+R belong to the dialog's own command scope. */
function LetterContent({ letter, patientId, patientName }: { letter: CredentialLetter; patientId: string; patientName: string }) {
  const { t } = useTranslation();
  const [note, setNote] = useState('');
  const used = (how: 'download' | 'print') => void call('portal.letterUsed', { patientId, how });
  useCommands([
    { id: 'letter.download', label: t('portal.letterPanel.download'), shortcut: 'Alt+D', permission: 'portal.frontDesk', run: () => {
      download(letter);
      used('download');
      setNote(t('portal.letterPanel.downloaded'));
    } },
    { id: 'letter.print', label: t('portal.letterPanel.print'), shortcut: 'Alt+R', permission: 'portal.frontDesk', run: () => {
      used('print');
      window.print();
    } },
  ]);
  return (
    <>
      <p className="warning" role="note">{t('portal.letterPanel.onceOnly')}</p>
      {note ? <p className="field-ok" role="status">{note}</p> : null}
      <div className="print-letter">
        <h3>{t('portal.letter.title', { portal: letter.portalName })}</h3>
        <p>{patientName}</p>
        <dl className="letter-fields">
          <dt>{t('portal.letter.address')}</dt>
          <dd>{letter.portalAddress || t('portal.letter.addressUnknown')}</dd>
          <dt>{t('portal.letter.username')}</dt>
          <dd className="secret">{letter.username}</dd>
          <dt>{t('portal.letter.password')}</dt>
          <dd className="secret" data-testid="temp-password">{letter.password}</dd>
        </dl>
        {letter.generated ? null : <p className="muted no-print">{t('portal.letterPanel.typedNote')}</p>}
        <p><strong>{t('portal.letter.expires', { date: formatDate(letter.expiresAt) })}</strong></p>
        <p>{t('portal.letter.mustChange')}</p>
        <p>{t('portal.letter.keepPrivate')}</p>
      </div>
    </>
  );
}
