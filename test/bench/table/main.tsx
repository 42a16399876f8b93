import { createColumnHelper } from '@tanstack/react-table';
import { createRoot } from 'react-dom/client';
import { Palette } from '../../../renderer/app/Palette';
import { useCommands } from '../../../renderer/app/commands';
import { useGlobalKeys } from '../../../renderer/app/keyboard';
import { SCREEN_IDS } from '../../../renderer/app/screens';
import { DataTable } from '../../../renderer/components/DataTable';
import { formatDate } from '../../../renderer/format';
import { initI18n } from '../../../renderer/i18n';
import { useUi } from '../../../renderer/state/ui';
import '../../../renderer/styles.css';
import { installProbe } from './probe';

/**
 * The real DataTable with 100k synthetic patients and the real palette with the app's screen
 * commands, wired as in the shell (global keys, command registry), so the bench measures the
 * components staff use, without a host or a sign-in in the way.
 */
interface Row {
  id: string;
  mrn: string;
  name: string;
  dateOfBirth: string;
  sex: 'F' | 'M';
}

const ROWS = Number(new URLSearchParams(location.search).get('rows') ?? 100_000);
const GIVEN = ['Anne', 'Mette', 'Hanne', 'Kirsten', 'Søren', 'Jens', 'Peter', 'Lars', 'Ida', 'Freja', 'Mads', 'Emil', 'Karen', 'Bo'];
const FAMILY = ['Jensen', 'Nielsen', 'Hansen', 'Pedersen', 'Andersen', 'Christensen', 'Larsen', 'Sørensen', 'Rasmussen', 'Ærø-Holm'];
const data: Row[] = Array.from({ length: ROWS }, (_, i) => ({
  id: `p${i}`,
  mrn: `P${1_000_000 + i}`,
  name: `${FAMILY[(i * 7) % FAMILY.length]}, ${GIVEN[(i * 13) % GIVEN.length]}`,
  dateOfBirth: `${1930 + (i % 90)}-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}`,
  sex: i % 2 ? 'F' : 'M',
}));
const col = createColumnHelper<Row>();
const columns = [
  col.accessor('mrn', { header: 'MRN', meta: { width: '8rem' } }),
  col.accessor('name', { header: 'Name', meta: { width: '2fr' } }),
  col.accessor('dateOfBirth', { header: 'Date of birth', cell: (c) => formatDate(c.getValue()), meta: { width: '9rem' } }),
  col.accessor('sex', { header: 'Sex', meta: { width: '6rem' } }),
];

function Bench() {
  useGlobalKeys();
  useCommands([
    { id: 'shell.palette', label: 'Open the command palette', shortcut: 'Ctrl+K', inInputs: true, hidden: true, run: () => useUi.getState().setPalette(true) },
    { id: 'shell.shortcuts', label: 'Show keyboard shortcuts', shortcut: '?', run: () => undefined },
    { id: 'shell.language', label: 'Switch language', run: () => undefined },
    { id: 'shell.lock', label: 'Lock the screen', shortcut: 'Ctrl+Shift+L', run: () => undefined },
    ...SCREEN_IDS.map((id) => ({ id: `goto.${id}`, label: `Go to ${id}`, group: 'screens' as const, run: () => undefined })),
  ]);
  return (
    <div style={{ padding: '1rem', height: '100vh', boxSizing: 'border-box', display: 'flex', flexDirection: 'column' }}>
      <DataTable data={data} columns={columns} getRowId={(r) => r.id} label="Patients" height="calc(100vh - 2rem)" autoFocus selectable />
      <Palette />
    </div>
  );
}

initI18n();
installProbe();
createRoot(document.getElementById('root') as HTMLElement).render(<Bench />);
