import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { IssuedKeyView, KeyChangeResult } from '../../../common/api/keys';
import type { Result } from '../../../common/result';
import { call } from '../../api';
import { useCommands } from '../../app/commands';
import { CommandButton } from '../../components/CommandButton';
import { Field } from '../../components/Field';
import { FormError } from '../../components/FormError';
import { useSubmit } from '../../components/useSubmit';
import { formatDate } from '../../format';
import { errorText } from '../../i18n';
import { dayBound, parseDay } from './dates';
import { ExtendDialog } from './ExtendDialog';
import { KeysTable } from './KeysTable';

const EXPIRING_DAYS = 7;
type View = 'all' | 'expiringSoon';

/** Seed 000 "Issued-Key Mng": search by patient, Issuer ID and issued date range; disable, enable, extend. */
export default function IssuedKeysScreen() {
  const { t } = useTranslation();
  const [filters, setFilters] = useState({ text: '', issuer: '', from: '', to: '', code: '' });
  const [view, setView] = useState<View>('all');
  const [rows, setRows] = useState<IssuedKeyView[]>([]);
  const [more, setMore] = useState(false);
  const [selection, setSelection] = useState<Set<string>>(() => new Set());
  const [active, setActive] = useState<IssuedKeyView | undefined>();
  const [message, setMessage] = useState<string | null>(null);
  const [actionError, setActionError] = useState<string | null>(null);
  const [extending, setExtending] = useState<string[] | null>(null);
  const search = useSubmit();
  const firstField = useRef<HTMLInputElement>(null);
  const tableRef = useRef<HTMLDivElement>(null);

  const load = useCallback(
    (which: View = view) => {
      const fromDay = parseDay(filters.from);
      const toDay = parseDay(filters.to);
      if (which === 'all' && (fromDay === null || toDay === null)) {
        // not a date: said at the field, nothing queried
        search.setErrors({
          ...(fromDay === null ? { from: t('keys.errors.dateFormat') } : {}),
          ...(toDay === null ? { to: t('keys.errors.dateFormat') } : {}),
        });
        return;
      }
      const from = dayBound(fromDay ?? '', false);
      const to = dayBound(toDay ?? '', true);
      void search.submit(
        () =>
          call('keys.search', {
            ...(which === 'all' ? { text: filters.text, issuer: filters.issuer, code: filters.code } : {}),
            ...(which === 'all' && from ? { from } : {}),
            ...(which === 'all' && to ? { to } : {}),
            view: which,
            expiringWithinDays: EXPIRING_DAYS,
            limit: which === 'expiringSoon' ? 1_000 : 100,
          }),
        (v) => {
          setRows(v.rows);
          setMore(v.more);
          setSelection(new Set());
          setMessage(v.rows.length ? t('keys.found', { count: v.rows.length }) : t('keys.none'));
        },
      );
    },
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [filters, view, t],
  );
  useEffect(() => load(), []); // eslint-disable-line react-hooks/exhaustive-deps

  const targets = () => (selection.size ? [...selection] : active ? [active.id] : []);
  const change = async (run: () => Promise<Result<KeyChangeResult>>, done: (r: KeyChangeResult) => string) => {
    const r = await run();
    if (!r.ok) return setActionError(errorText(t, r.error));
    setActionError(null);
    const changed = new Map(r.value.keys.map((k) => [k.id, k]));
    setRows((list) => list.map((k) => changed.get(k.id) ?? k));
    setMessage(done(r.value));
  };
  const switchView = (next: View) => {
    setView(next);
    load(next);
  };

  const hasTarget = selection.size > 0 || !!active;
  useCommands([
    { id: 'keys.search', label: t('keys.commands.search'), shortcut: 'Alt+S', permission: 'portal.media', run: () => load() },
    { id: 'keys.focusFilters', label: t('keys.commands.focusFilters'), shortcut: 'Alt+F', permission: 'portal.media', run: () => firstField.current?.focus() },
    {
      id: 'keys.disable', label: t('keys.commands.disable'), shortcut: 'Alt+D', permission: 'portal.media', disabled: !hasTarget,
      run: () => void change(() => call('keys.disable', { ids: targets() }), (r) => t('keys.result.disabled', { changed: r.changed, unchanged: r.unchanged })),
    },
    {
      id: 'keys.enable', label: t('keys.commands.enable'), shortcut: 'Alt+E', permission: 'portal.media', disabled: !hasTarget,
      run: () => void change(() => call('keys.enable', { ids: targets() }), (r) => t('keys.result.enabled', { changed: r.changed, unchanged: r.unchanged })),
    },
    { id: 'keys.extend', label: t('keys.commands.extend'), shortcut: 'Alt+T', permission: 'portal.media', disabled: !hasTarget, run: () => setExtending(targets()) },
    {
      id: 'keys.unlock', label: t('keys.commands.unlock'), shortcut: 'Alt+U', permission: 'portal.media', disabled: !hasTarget,
      run: () => void change(() => call('keys.unlock', { ids: targets() }), (r) => t('keys.result.unlocked', { changed: r.changed, unchanged: r.unchanged })),
    },
    { id: 'keys.viewAll', label: t('keys.commands.viewAll'), shortcut: 'Alt+L', permission: 'portal.media', disabled: view === 'all', run: () => switchView('all') },
    { id: 'keys.viewExpiring', label: t('keys.commands.viewExpiring'), shortcut: 'Alt+N', permission: 'portal.media', disabled: view === 'expiringSoon', run: () => switchView('expiringSoon') },
  ]);

  const set = (k: keyof typeof filters) => (e: React.ChangeEvent<HTMLInputElement>) => {
    setFilters({ ...filters, [k]: e.target.value });
    search.clear(k);
  };

  return (
    <div className="screen screen-fill">
      <h1>{view === 'all' ? t('keys.title') : t('keys.views.expiringSoon')}</h1>
      <div className="toolbar" role="group" aria-label={t('keys.views.label')}>
        <CommandButton command="keys.viewAll" />
        <CommandButton command="keys.viewExpiring" />
      </div>
      {view === 'all' ? (
        <form
          className="filters"
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            load();
          }}
        >
          <Field label={t('keys.filters.patient')} placeholder={t('keys.filters.patientHint')} value={filters.text} onChange={set('text')} error={search.errors.text} inputRef={firstField} autoFocus />
          <Field label={t('keys.filters.issuer')} value={filters.issuer} onChange={set('issuer')} error={search.errors.issuer} autoComplete="off" />
          <Field label={t('keys.filters.from')} placeholder={t('keys.filters.datePlaceholder')} value={filters.from} onChange={set('from')} error={search.errors.from} autoComplete="off" />
          <Field label={t('keys.filters.to')} placeholder={t('keys.filters.datePlaceholder')} value={filters.to} onChange={set('to')} error={search.errors.to} autoComplete="off" />
          <Field label={t('keys.filters.code')} placeholder={t('keys.filters.codeHint')} value={filters.code} onChange={set('code')} error={search.errors.code} autoComplete="off" spellCheck={false} />
          <button type="submit" className="btn btn-primary" disabled={search.busy}>{t('keys.filters.search')}</button>
        </form>
      ) : (
        <p className="muted">{t('keys.views.expiringIntro', { days: EXPIRING_DAYS })}</p>
      )}
      <FormError message={search.errors._form ?? actionError ?? undefined} />
      <div className="toolbar">
        <CommandButton command="keys.disable" />
        <CommandButton command="keys.enable" />
        <CommandButton command="keys.extend" variant="primary" />
        <CommandButton command="keys.unlock" />
        <span className="muted">{selection.size ? t('keys.selected', { count: selection.size }) : t('keys.noneSelectedHint')}</span>
      </div>
      <p role="status" className="muted result-count">
        {message}
        {more ? ` ${t('keys.more')}` : ''}
      </p>
      <div ref={tableRef} className="table-region table-fill">
        <KeysTable rows={rows} selection={selection} onSelection={setSelection} onActive={setActive} />
      </div>
      {extending ? (
        <ExtendDialog
          ids={extending}
          latestExpiry={rows.filter((k) => extending.includes(k.id)).map((k) => k.expiresAt).sort().pop() ?? null}
          onClose={() => setExtending(null)}
          onDone={(r, expiresAt) => {
            setExtending(null);
            const changed = new Map(r.keys.map((k) => [k.id, k]));
            setRows((list) => list.map((k) => changed.get(k.id) ?? k));
            setMessage(t('keys.result.extended', { changed: r.changed, unchanged: r.unchanged, date: formatDate(expiresAt) }));
            tableRef.current?.querySelector<HTMLElement>('[role=grid]')?.focus();
          }}
        />
      ) : null}
    </div>
  );
}
