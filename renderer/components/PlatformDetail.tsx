// How the platform moves this service's traffic and where its rollout stands, in its own words.

import type { ServiceView } from '../../app/api';
import { detailParts } from '../domain/platform-detail';
import '../styles/platform-detail.css';

export function PlatformDetail({ service }: { service: ServiceView }) {
  const parts = detailParts(service.detail);
  if (parts.length === 0) return null;
  return (
    <section className="panel platform-detail" aria-labelledby="platform-detail-heading">
      <h3 id="platform-detail-heading" className="subhead">
        How traffic moves
      </h3>
      <ul className="platform-detail__parts" aria-labelledby="platform-detail-heading">
        {parts.map((part) => (
          <li key={part}>{part}</li>
        ))}
      </ul>
    </section>
  );
}
