// How the operator looks at the fleet: the filter text, "unhealthy only", the sort and the grouping.

import { create } from 'zustand';
import type { FleetOptions, GroupKey, SortKey } from '../domain/fleet-query';

export interface FleetViewState extends FleetOptions {
  setText(text: string): void;
  setUnhealthyOnly(on: boolean): void;
  setSort(sort: SortKey): void;
  setGroup(group: GroupKey): void;
}

export const useFleetView = create<FleetViewState>()((set) => ({
  text: '',
  unhealthyOnly: false,
  sort: 'host',
  group: 'none',
  setText: (text) => set({ text }),
  setUnhealthyOnly: (unhealthyOnly) => set({ unhealthyOnly }),
  setSort: (sort) => set({ sort }),
  setGroup: (group) => set({ group }),
}));
