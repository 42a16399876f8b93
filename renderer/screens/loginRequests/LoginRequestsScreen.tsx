import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { LoginRequestRow } from '../../../common/api/loginRequests';
import { call, on } from '../../api';
import { useCommands } from '../../app/commands';
import { CommandButton } from '../../components/CommandButton';
import { Field } from '../../components/Field';
import { FormError } from '../../components/FormError';
import { errorText } from '../../i18n';
import { refreshLoginRequestCount } from './count';
import { RequestDialog } from './RequestDialog';
import { RequestsTable } from './RequestsTable';
import './loginRequests.css';

/** Seed 002 "Loginbestillinger": every self-registration that reached this clinic, newest first. */
export default function LoginRequestsScreen() {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const [rows, setRows] = useState<LoginRequestRow[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [active, setActive] = useState<LoginRequestRow | undefined>();
  const [openId, setOpenId] = useState<string | null>(null);
  const [notice, setNotice] = useState('');
  const filterRef = useRef<HTMLInputElement>(null);
  const tableRef = useRef<HTMLDivElement>(null);
  const asked = useRef(0);

  // every letter asks the workstation again; an answer to an older filter is dropped
  const load = useCallback(async () => {
    const mine = ++asked.current;
    const r = await call('registrations.list', text.trim() ? { text: text.trim() } : {});
    if (mine !== asked.current) return;
    if (r.ok) {
      setRows(r.value);
      setError(null);
    } else setError(errorText(t, r.error));
  }, [text, t]);
  useEffect(() => void load(), [load]);
  useEffect(() => on('data.changed', (e) => void (e.entities.includes('login_request') && load())), [load]);

  const grid = () => tableRef.current?.querySelector<HTMLElement>('[role=grid]') ?? null;
  useCommands([
    { id: 'loginRequests.open', label: t('loginRequests.commands.open'), shortcut: 'Alt+E', permission: 'portal.frontDesk', disabled: !active, run: () => active && setOpenId(active.id) },
    { id: 'loginRequests.focusFilter', label: t('loginRequests.commands.focusFilter'), shortcut: 'Alt+F', permission: 'portal.frontDesk', run: () => filterRef.current?.focus() },
  ]);

  const decided = (row: LoginRequestRow) => {
    setOpenId(null);
    setNotice(t(row.state === 'rejected' ? 'loginRequests.detail.rejectedNotice' : 'loginRequests.detail.approvedNotice', { name: `${row.givenName} ${row.familyName}` }));
    void load();
    refreshLoginRequestCount();
  };
  const open = rows.filter((r) => r.state === 'new').length;

  return (
    <div className="screen screen-fill">
      <h1>{t('loginRequests.title')}</h1>
      <p className="muted">{t('loginRequests.intro')}</p>
      <div className="filters">
        <Field label={t('loginRequests.filter')} hint={t('loginRequests.filterHint')} value={text} inputRef={filterRef} autoFocus autoComplete="off" spellCheck={false}
          onChange={(e) => setText(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'ArrowDown') {
              e.preventDefault();
              grid()?.focus();
            } else if (e.key === 'Enter' && active) {
              e.preventDefault();
              setOpenId(active.id);
            }
          }} />
      </div>
      <div className="toolbar">
        <CommandButton command="loginRequests.open" variant="primary" />
        <CommandButton command="loginRequests.focusFilter" />
        <span role="status" className="muted">{t('loginRequests.summary', { total: rows.length, open })}</span>
      </div>
      <div role="status" aria-live="polite" className="request-notice">{notice}</div>
      <FormError message={error ?? undefined} />
      <div ref={tableRef} className="table-region table-fill">
        <RequestsTable rows={rows} filtered={!!text.trim()} onOpen={(r) => setOpenId(r.id)} onActive={setActive} />
      </div>
      {openId ? <RequestDialog id={openId} onClose={() => setOpenId(null)} onDecided={decided} returnFocus={grid} /> : null}
    </div>
  );
}
