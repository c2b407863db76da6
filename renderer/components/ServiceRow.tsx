// One row of the fleet table. Clicking anywhere on it (or Enter on the name) selects the service.

import { memo } from 'react';
import type { ServiceView } from '../../app/api';
import { ruleThreshold } from '../domain/chart-data';
import { releaseConcerns } from '../domain/concerns';
import { errorRateText, latencyText, percentilesMissing } from '../domain/format';
import { detailTooltip } from '../domain/platform-detail';
import '../styles/platform-detail.css';
import { SplitBar } from './SplitBar';
import { VersionMetricLines } from './VersionMetricLines';

interface Props {
  service: ServiceView;
  selected: boolean;
  onSelect(serviceId: string): void;
  /** Its aria-rowindex in a virtualised table. */
  rowIndex?: number | undefined;
}

const COLUMNS = 9;
const MARK = { owed: '⟳ ', held: '⏸ ', trouble: '⚠ ' } as const;

export const ServiceRow = memo(function ServiceRow({ service, selected, onSelect, rowIndex }: Props) {
  const rules = service.release?.rules ?? null;
  const errorThreshold = ruleThreshold(rules, 'errorRate');
  const p99Threshold = ruleThreshold(rules, 'p99Ms');
  const ready = service.health.reduce((n, h) => n + h.instancesReady, 0);
  const total = service.health.reduce((n, h) => n + h.instancesTotal, 0);
  const phase = service.release?.phase ?? null;
  const hint = service.detail?.hint ?? null;
  const concerns = releaseConcerns(service);
  return (
    <>
      <tr className={`service-row${selected ? ' is-selected' : ''}`} data-service-id={service.id} aria-rowindex={rowIndex} onClick={() => onSelect(service.id)}>
        <th scope="row">
          <button type="button" className="service-name" aria-current={selected ? 'true' : undefined} onClick={(e) => { e.stopPropagation(); onSelect(service.id); }}>
            {service.name}
          </button>
          {service.environment !== null ? <span className="tag">{service.environment}</span> : null}
          {service.drivenBy !== null ? <span className="tag" title={`Driven by ${service.drivenBy}`}>read-only</span> : null}
          {service.members && service.members.length > 1 ? (
            <span className="tag" title={`One release on ${service.members.map((m) => m.targetId).join(', ')}`}>group of {service.members.length}</span>
          ) : null}
        </th>
        <td>
          <span className={`platform platform--${service.platform}`}>{service.platform}</span>
          <span className="muted small"> {service.strategy}</span>
          {hint !== null ? <span className="muted small platform-hint" title={detailTooltip(service.detail)}>{hint}</span> : null}
        </td>
        <td className="mono">{service.stable}</td>
        <td className="mono">{service.candidate ?? <span className="muted">—</span>}</td>
        <td>
          {phase === null ? <span className="muted">no release</span> : <span className={`phase phase--${phase}`}>{phase}</span>}
          {concerns.map((c) => (
            <span key={c.kind} className={`tag tag--${c.kind}`} title={c.text}>
              {c.tag}
            </span>
          ))}
        </td>
        <td className="split-cell">
          <SplitBar split={service.split} stable={service.stable} candidate={service.candidate} />
        </td>
        <td>
          <VersionMetricLines health={service.health} stable={service.stable} candidate={service.candidate}
            value={(h) => (h.errorRate === null ? null : h.errorRate * 100)}
            format={(v) => (v === null ? errorRateText(null) : errorRateText(v / 100))}
            threshold={errorThreshold?.value ?? null} />
        </td>
        <td>
          <VersionMetricLines health={service.health} stable={service.stable} candidate={service.candidate}
            value={(h) => h.p99Ms} format={latencyText} threshold={p99Threshold?.value ?? null} missing={percentilesMissing} />
        </td>
        <td className={`num${ready < total ? ' warn-text' : ''}`} title={`${ready} of ${total} instances ready`}>
          {ready}/{total}
        </td>
      </tr>
      {concerns.map((c) => (
        <tr key={c.kind} className={`concern-row concern-row--${c.kind}`} onClick={() => onSelect(service.id)}>
          <td colSpan={COLUMNS}>
            <span aria-hidden="true">{MARK[c.kind]}</span>
            <span className="visually-hidden">{service.name}: </span>
            {c.text}
          </td>
        </tr>
      ))}
      {service.warning !== null ? (
        <tr className="warning-row" onClick={() => onSelect(service.id)}>
          <td colSpan={COLUMNS}>
            <span aria-hidden="true">⚠ </span>
            <span className="visually-hidden">Warning for {service.name}: </span>
            {service.warning}
          </td>
        </tr>
      ) : null}
    </>
  );
});
