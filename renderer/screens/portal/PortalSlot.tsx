import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useCommands } from '../../app/commands';
import { CommandButton } from '../../components/CommandButton';
import { errorText } from '../../i18n';
import { useCan } from '../../state/session';
import { PortalForm } from './PortalForm';
import { PortalStatusBadge } from './PortalStatusBadge';
import { usePortalView } from './usePortalView';

/**
 * The portal status in the patient header, always visible; it (and Alt+O, and the email field
 * as in EG Clinea) opens the portal form for staff with the front-desk permission.
 */
export function PortalSlot({ patientId, patientName, open, onOpenChange, onContactChanged }: {
  patientId: string;
  patientName: string;
  open: boolean;
  onOpenChange(open: boolean): void;
  onContactChanged(): void;
}) {
  const { t } = useTranslation();
  const { view, setView, error } = usePortalView(patientId);
  const canEdit = useCan('portal.frontDesk');
  const slotRef = useRef<HTMLSpanElement>(null);
  const close = () => {
    onOpenChange(false);
  };
  useCommands([
    { id: 'portal.open', label: t('portal.form.open'), shortcut: 'Alt+O', permission: 'portal.frontDesk', disabled: !view, run: () => onOpenChange(true) },
  ]);
  if (error) return <span className="form-error">{errorText(t, error)}</span>;
  if (!view) return <span className="muted">{t('common.loading')}</span>;
  return (
    <span className="portal-slot" ref={slotRef}>
      <span className="header-label">{t('portal.status.label')}</span>
      <PortalStatusBadge status={view.status} onOpen={canEdit ? () => onOpenChange(true) : undefined} shortcut="Alt+O" />
      <CommandButton command="portal.open" variant="secondary" />
      {open && canEdit ? (
        <PortalForm view={view} patientName={patientName} onClose={close}
          onView={(v, contactChanged) => {
            setView(v);
            if (contactChanged) onContactChanged();
          }} />
      ) : null}
    </span>
  );
}
