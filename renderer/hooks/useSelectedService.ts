import type { ServiceView } from '../../app/api';
import { useServer } from '../state/server-store';
import { useUi } from '../state/ui-store';

export function useSelectedService(): ServiceView | null {
  const id = useUi((s) => s.selectedServiceId);
  return useServer((s) => (id === null ? null : (s.services[id] ?? null)));
}
