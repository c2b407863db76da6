// World info: which workspace or sandbox scenario, how fast world time runs, who is operating, the link state.

import { speedText } from '../domain/format';
import { useServer } from '../state/server-store';
import { ConnectionBadge } from './ConnectionBadge';

export function Header() {
  const world = useServer((s) => s.world);
  return (
    <header className="app-header">
      <h1 className="brand">Switchyard</h1>
      {world === null ? (
        <span className="muted">Waiting for the host…</span>
      ) : (
        <dl className="world">
          {world.mode === 'sandbox' ? (
            <div className="world__item world__item--sandbox">
              <dt>Sandbox</dt>
              <dd>{world.scenario ?? 'default'}</dd>
            </div>
          ) : (
            <div className="world__item">
              <dt>Workspace</dt>
              <dd>{world.workspace}</dd>
            </div>
          )}
          <div className="world__item">
            <dt>Speed</dt>
            <dd>{speedText(world.speed)}</dd>
          </div>
          <div className="world__item">
            <dt>Operator</dt>
            <dd>{world.operator}</dd>
          </div>
        </dl>
      )}
      <ConnectionBadge />
    </header>
  );
}
