// The release view's notices of what the release owes and where it is stuck: an owed request, a held step, trouble.

import type { ServiceView } from '../../app/api';
import { releaseConcerns } from '../domain/concerns';

export function ReleaseConcerns({ service }: { service: ServiceView }) {
  const concerns = releaseConcerns(service);
  if (concerns.length === 0) return null;
  return (
    <div className="concerns">
      {concerns.map((concern) => (
        <div key={concern.kind} role={concern.role} className={`banner banner--${concern.kind}`}>
          <strong>{concern.headline}</strong>
          {concern.error !== null ? <span>; last error: {concern.error}</span> : null}
          {concern.next !== null ? <span className="banner__detail"> {concern.next}</span> : null}
        </div>
      ))}
    </div>
  );
}
