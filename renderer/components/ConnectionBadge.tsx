import { useUi } from '../state/ui-store';

const LABEL = { connecting: 'Connecting', live: 'Live', reconnecting: 'Reconnecting', closed: 'Disconnected' } as const;

export function ConnectionBadge() {
  const connection = useUi((s) => s.connection);
  return (
    <span className={`badge conn conn--${connection.state}`} aria-live="polite" title={connection.detail ?? undefined}>
      <span className="dot" aria-hidden="true" />
      {LABEL[connection.state]}
      {connection.detail ? <span className="conn__detail"> · {connection.detail}</span> : null}
    </span>
  );
}
