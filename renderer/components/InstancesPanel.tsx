// Servers / pods / tasks per version: status, data-plane weight, health check.

import type { ServiceView } from '../../app/api';
import { orderedSplit } from '../domain/split';

export function InstancesPanel({ service }: { service: ServiceView }) {
  const versions = orderedSplit(
    [...new Set(service.instances.map((i) => i.version))].map((version) => ({ version, percent: 1 })),
    service.stable,
    service.candidate,
  ).filter(({ version }) => service.instances.some((i) => i.version === version) || version === service.stable);
  return (
    <section className="panel instances" aria-labelledby="instances-heading">
      <h3 id="instances-heading" className="subhead">Instances</h3>
      {service.instances.length === 0 ? (
        <p className="muted small">No instances reported.</p>
      ) : (
        <table className="instances-table" aria-labelledby="instances-heading">
          <thead>
            <tr>
              <th scope="col">Instance</th>
              <th scope="col">Status</th>
              <th scope="col">Weight</th>
              <th scope="col">Check</th>
            </tr>
          </thead>
          {versions.map(({ version, role }) => {
            const health = service.health.find((h) => h.version === version);
            return (
              <tbody key={version}>
                <tr className="group-row">
                  <th scope="rowgroup" colSpan={4}>
                    <span className={`swatch split--${role}`} aria-hidden="true" /> <span className="mono">{version}</span>{' '}
                    <span className="muted small">
                      {role} · {health ? `${health.instancesReady}/${health.instancesTotal} ready` : 'no health'}
                    </span>
                  </th>
                </tr>
                {service.instances
                  .filter((i) => i.version === version)
                  .map((instance) => (
                    <tr key={instance.name}>
                      <td className="mono small">{instance.name}</td>
                      <td><span className={`status status--${instance.status}`}>{instance.status}</span></td>
                      <td className="num">{instance.weight ?? '—'}</td>
                      <td className="small">{instance.check ?? '—'}</td>
                    </tr>
                  ))}
              </tbody>
            );
          })}
        </table>
      )}
    </section>
  );
}
