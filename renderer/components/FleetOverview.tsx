// Every service of every target in one table: filtered, sorted and grouped as the toolbar says, rows virtualised.

import { useMemo } from 'react';
import { FACETS, fleetList, presentFacets } from '../domain/fleet-query';
import { useFleetView } from '../state/fleet-view-store';
import { useServer } from '../state/server-store';
import { useUi } from '../state/ui-store';
import { FleetTable } from './fleet/FleetTable';
import { FleetToolbar } from './fleet/FleetToolbar';

export function FleetOverview() {
  const serviceIds = useServer((s) => s.serviceIds);
  const services = useServer((s) => s.services);
  const selected = useUi((s) => s.selectedServiceId);
  const select = useUi((s) => s.select);
  const text = useFleetView((s) => s.text);
  const unhealthyOnly = useFleetView((s) => s.unhealthyOnly);
  const sort = useFleetView((s) => s.sort);
  const group = useFleetView((s) => s.group);
  const all = useMemo(() => serviceIds.flatMap((id) => services[id] ?? []), [serviceIds, services]);
  // Facets worth offering only change when services come or go or gain a field: keyed on their values' presence.
  const facetKeys = presentFacets(all).map((f) => f.key).join(',');
  const facets = useMemo(() => FACETS.filter((f) => facetKeys.split(',').includes(f.key)), [facetKeys]);
  const list = useMemo(() => fleetList(serviceIds, services, { text, unhealthyOnly, sort, group }, facets), [serviceIds, services, text, unhealthyOnly, sort, group, facets]);
  return (
    <section className="panel fleet" aria-labelledby="fleet-heading" data-fleet-total={serviceIds.length}>
      <h2 id="fleet-heading" className="panel__title">Fleet</h2>
      <FleetToolbar
        facets={facets}
        shown={list.ids.length}
        total={serviceIds.length}
        onPickFirst={() => {
          const first = list.ids[0];
          if (first !== undefined) select(first);
        }}
      />
      {serviceIds.length === 0 ? (
        <p className="muted">No services yet.</p>
      ) : list.ids.length === 0 ? (
        <p className="muted">No service matches the filter.</p>
      ) : (
        <FleetTable items={list.items} services={services} selected={selected} onSelect={select} />
      )}
    </section>
  );
}
