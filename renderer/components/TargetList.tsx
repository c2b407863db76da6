// Each target's connection state, with the platform's own words when it is not connected.

import { useServer } from '../state/server-store';
import { OpenTargetButton } from './OpenTargetButton';

export function TargetList() {
  const targets = useServer((s) => s.targets);
  return (
    <section className="panel targets" aria-labelledby="targets-heading">
      <h2 id="targets-heading" className="panel__title">Targets</h2>
      <ul className="target-list" aria-labelledby="targets-heading">
        {targets.map((target) => (
          <li key={target.id} className={`target target--${target.state}`}>
            <span className="dot" aria-hidden="true" />
            <span className="target__name">{target.name}</span>
            <span className="muted small"> {target.platform} · {target.address}</span>
            <span className="target__state"> {target.state}</span>
            {target.message ? <div className="target__message">{target.message}</div> : null}
            {target.openable ? <OpenTargetButton target={target} /> : null}
          </li>
        ))}
      </ul>
    </section>
  );
}
