// Every service of every target in one table.

import { useServer } from '../state/server-store';
import { useUi } from '../state/ui-store';
import { ServiceRow } from './ServiceRow';

export function FleetOverview() {
  const serviceIds = useServer((s) => s.serviceIds);
  const services = useServer((s) => s.services);
  const selected = useUi((s) => s.selectedServiceId);
  const select = useUi((s) => s.select);
  return (
    <section className="panel fleet" aria-labelledby="fleet-heading">
      <h2 id="fleet-heading" className="panel__title">Fleet</h2>
      {serviceIds.length === 0 ? (
        <p className="muted">No services yet.</p>
      ) : (
        <table className="fleet-table" aria-labelledby="fleet-heading">
          <thead>
            <tr>
              <th scope="col">Service</th>
              <th scope="col">Platform</th>
              <th scope="col">Stable</th>
              <th scope="col">Candidate</th>
              <th scope="col">Phase</th>
              <th scope="col">Split</th>
              <th scope="col">Error rate</th>
              <th scope="col">P99</th>
              <th scope="col">Ready</th>
            </tr>
          </thead>
          <tbody>
            {serviceIds.map((id) => {
              const service = services[id];
              return service === undefined ? null : (
                <ServiceRow key={id} service={service} selected={id === selected} onSelect={select} />
              );
            })}
          </tbody>
        </table>
      )}
    </section>
  );
}
