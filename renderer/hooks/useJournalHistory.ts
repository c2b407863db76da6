// Fetches a service's older journal when it is selected, so the timeline is not limited to the live window.

import { useEffect } from 'react';
import { useApi } from '../api-context';
import { useServer } from '../state/server-store';

export const HISTORY_LIMIT = 200;

export function useJournalHistory(serviceId: string): void {
  const api = useApi();
  useEffect(() => {
    let cancelled = false;
    api.journal({ serviceId, limit: HISTORY_LIMIT }).then(
      (events) => {
        if (!cancelled) useServer.getState().setHistory(serviceId, events);
      },
      () => {},
    );
    return () => {
      cancelled = true;
    };
  }, [api, serviceId]);
}
