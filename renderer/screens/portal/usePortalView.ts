import { useCallback, useEffect, useState } from 'react';
import type { PortalView } from '../../../common/api/portal';
import type { ApiError } from '../../../common/result';
import { call, on } from '../../api';

/** One patient's portal view, fetched again when a portal command changed something anywhere. */
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
  useEffect(() => on('data.changed', (p) => void (p.entities.includes('portal_account') && reload())), [reload]);
  return { view, setView, error, reload };
}
