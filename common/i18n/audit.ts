import type { Messages } from './types';

export const en = {
  audit: {
    title: 'Audit log',
    tableLabel: 'Audit events',
    filters: { from: 'From', to: 'To', staff: 'Staff username', action: 'Action starts with', outcome: 'Outcome', any: 'Any', apply: 'Apply' },
    columns: { at: 'When', staff: 'Staff', action: 'Action', patient: 'Patient', outcome: 'Outcome', workstation: 'Workstation', detail: 'Detail' },
    outcome: { ok: 'OK', denied: 'Denied', failed: 'Failed' },
    more: 'Showing the newest {{count}}; narrow the filters to see older events.',
  },
};

export const da: Messages<typeof en> = {
  audit: {
    title: 'Revisionslog',
    tableLabel: 'Revisionshændelser',
    filters: { from: 'Fra', to: 'Til', staff: 'Medarbejderens brugernavn', action: 'Handling begynder med', outcome: 'Udfald', any: 'Alle', apply: 'Anvend' },
    columns: { at: 'Tidspunkt', staff: 'Medarbejder', action: 'Handling', patient: 'Patient', outcome: 'Udfald', workstation: 'Arbejdsstation', detail: 'Detalje' },
    outcome: { ok: 'OK', denied: 'Afvist', failed: 'Mislykket' },
    more: 'Viser de nyeste {{count}}; indsnævr filtrene for at se ældre hændelser.',
  },
};
