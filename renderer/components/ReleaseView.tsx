// The selected service: what its release is doing, the buttons to change it, and the evidence beside them.

import { lazy, Suspense } from 'react';
import type { ServiceView } from '../../app/api';
import { useServer } from '../state/server-store';
import { ActionBar } from './ActionBar';
import { ActionMessages } from './ActionMessages';
import { InstancesPanel } from './InstancesPanel';
import { JudgmentReport } from './JudgmentReport';
import { RuleStatusList } from './RuleStatusList';
import { JournalTimeline } from './JournalTimeline';
import { PlanSteps } from './PlanSteps';
import { PlatformDetailPanel } from './PlatformDetailPanel';
import { ReadOnlyBanner } from './ReadOnlyBanner';
import { ReleaseConcerns } from './ReleaseConcerns';
import { ReleaseSummary } from './ReleaseSummary';
import { RuleFiringPanel } from './RuleFiringPanel';
import { ShortcutLegend } from './ShortcutLegend';
import { GatesPanel } from './GatesPanel';
import { FlagsPanel } from './FlagsPanel';
import { GroupMembers } from './GroupMembers';
import { SchemaPanel } from './SchemaPanel';
import { SmokeReport } from './SmokeReport';

const ChartsPanel = lazy(() => import('./charts/ChartsPanel'));

export function ReleaseView({ service }: { service: ServiceView }) {
  const worldNow = useServer((s) => s.series[service.id]?.at(-1)?.t ?? null);
  const release = service.release;
  return (
    <section className="release-view" aria-labelledby="release-heading">
      <h2 id="release-heading" className="release-view__title" tabIndex={-1}>
        {service.name}
        <span className="muted small">
          {' '}{service.members ? [...new Set(service.members.map((m) => m.platform))].join(' + ') : service.platform} · {service.strategy}{service.environment !== null ? ` · ${service.environment}` : ''}
        </span>
      </h2>
      {service.drivenBy !== null ? <ReadOnlyBanner drivenBy={service.drivenBy} /> : null}
      {service.warning !== null ? <p className="banner banner--warning">⚠ {service.warning}</p> : null}
      <ReleaseConcerns service={service} />
      <div className="release-grid">
        <div className="release-grid__control panel">
          <ReleaseSummary service={service} />
          <GroupMembers service={service} />
          {release !== null ? <SmokeReport release={release} /> : null}
          <GatesPanel service={service} />
          <SchemaPanel service={service} />
          {release !== null ? <RuleFiringPanel release={release} /> : null}
          <RuleStatusList service={service} />
          {release !== null ? <JudgmentReport release={release} /> : null}
          <ActionBar service={service} />
          <FlagsPanel service={service} />
          <ActionMessages />
          <ShortcutLegend />
          {release !== null ? <PlanSteps release={release} worldNow={worldNow} /> : null}
        </div>
        <div className="release-grid__evidence panel">
          <Suspense fallback={<p className="muted small charts-empty">Loading charts…</p>}>
            <ChartsPanel service={service} />
          </Suspense>
        </div>
        <div className="release-grid__side">
          {service.detail ? <PlatformDetailPanel detail={service.detail} worldNow={worldNow} /> : null}
          <InstancesPanel service={service} />
        </div>
      </div>
      <JournalTimeline serviceId={service.id} />
    </section>
  );
}
