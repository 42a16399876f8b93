import { useCallback, useEffect, useState } from 'react';
import type { PortalView } from '../../../common/api/portal';
import type { ApiError } from '../../../common/result';
import { call, on } from '../../api';

/**
 * What a patient's portal view is made of. The hub's own rows count: the patient activating,
 * signing in or being locked out reaches the workstation as portal_account_state by sync.
 */
const VIEW_ENTITIES = ['portal_account', 'portal_account_state', 'portal_former_account', 'portal_email_change', 'patient'];

/** One patient's portal view, fetched again when a portal command or a sync pull changed something it is made of. */
export function usePortalView(patientId: string) {
  const [view, setView] = useState<PortalView | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const reload = useCallback(async () => {
    const r = await call('portal.get', { patientId });
    if (r.ok) {
      setView(r.value);
      setError(null);
    } else setError(r.error);
  }, [patientId]);
  useEffect(() => {
    setView(null);
    void reload();
  }, [reload]);
  useEffect(() => on('data.changed', (p) => void (p.entities.some((e) => VIEW_ENTITIES.includes(e)) && reload())), [reload]);
  return { view, setView, error, reload };
}
