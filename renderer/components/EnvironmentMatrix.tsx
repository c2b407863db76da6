// What runs where: services × environments, each cell the version(s), phase, split and health, ahead of or behind the
// previous environment; selecting a cell opens that release. Each column can stop the line; a cell can promote onward.

import { useState, type KeyboardEvent } from 'react';
import { environmentMatrix, type MatrixRow } from '../../app/environments/matrix';
import type { EnvironmentView } from '../../app/environments/schema';
import { formatDuration } from '../../app/plans';
import { describeWindow } from '../../app/environments/window';
import { useApi } from '../api-context';
import { promotionOffer } from '../domain/promotion-offer';
import { buildRequest, runAction } from '../state/actions';
import { useServer } from '../state/server-store';
import { useUi } from '../state/ui-store';
import { StopTheLine } from './StopTheLine';
import { EnvironmentCell } from './EnvironmentCell';
import '../styles/environments.css';

export function EnvironmentMatrix() {
  const environments = useServer((s) => s.environments);
  const services = useServer((s) => s.services);
  const serviceIds = useServer((s) => s.serviceIds);
  const [note, setNote] = useState<{ ok: boolean; text: string } | null>(null);
  if (environments.length === 0) return null;
  const rows = environmentMatrix(environments, serviceIds.flatMap((id) => (services[id] ? [services[id]] : [])));
  return (
    <section className="panel env-matrix" aria-labelledby="env-heading">
      <h2 id="env-heading" className="panel__title">Environments</h2>
      <table className="env-table" aria-labelledby="env-heading" onKeyDown={moveFocus}>
        <thead>
          <tr>
            <th scope="col">Service</th>
            {environments.map((env) => (
              <EnvironmentHeader key={env.name} environment={env} onResult={(ok, text) => setNote({ ok, text })} />
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row, r) => (
            <MatrixRowView key={row.serviceId} row={row} rowIndex={r} environments={environments} />
          ))}
        </tbody>
      </table>
      <p role={note && !note.ok ? 'alert' : 'status'} className={note && !note.ok ? 'action-alert' : 'action-status'}>
        {note?.text ?? ''}
      </p>
    </section>
  );
}

function EnvironmentHeader({ environment, onResult }: { environment: EnvironmentView; onResult(ok: boolean, text: string): void }) {
  const { frozen, window } = environment;
  return (
    <th scope="col" className={`env-col${frozen ? ' env-col--frozen' : ''}`}>
      <span className="env-col__name">{environment.name}</span>
      {frozen ? (
        <span className="env-col__frozen" role="note">
          Frozen by {frozen.by}: {frozen.reason}
        </span>
      ) : null}
      <span className="env-col__facts muted small">
        {environment.soakMs !== null ? `soak ${formatDuration(environment.soakMs)}` : null}
        {window ? ` · window ${describeWindow(window)} (${environment.windowOpen ? 'open' : 'closed'})` : null}
      </span>
      <StopTheLine environment={environment} onResult={onResult} />
    </th>
  );
}

function MatrixRowView({ row, rowIndex, environments }: { row: MatrixRow; rowIndex: number; environments: EnvironmentView[] }) {
  const api = useApi();
  const services = useServer((s) => s.services);
  const selected = useUi((s) => s.selectedServiceId);
  const select = useUi((s) => s.select);
  const promote = async (key: string) => {
    // The release view of the next environment opens; the start's answer (refused with the promotion rule's reason,
    // or started) shows there.
    select(key);
    await runAction(api, buildRequest('start', key), useUi.getState());
  };
  return (
    <tr>
      <th scope="row">{row.name}</th>
      {row.cells.map((cell, i) => {
        const env = environments[i]!;
        if (!cell) return <td key={env.name} className="muted">—</td>;
        const next = row.cells[i + 1] ?? null;
        const offer = promotionOffer(cell, next, next ? (services[next.key] ?? null) : null);
        return (
          <td key={env.name} className={`env-cell${cell.key === selected ? ' is-selected' : ''}`}>
            <EnvironmentCell
              cell={cell}
              name={row.name}
              previous={environments[i - 1]?.name ?? null}
              selected={cell.key === selected}
              position={{ row: rowIndex, col: i }}
              onSelect={() => select(cell.key)}
            />
            {offer ? (
              <button type="button" className="btn btn--small btn--primary env-cell__promote" disabled={!offer.enabled} title={offer.title}
                onClick={() => void promote(offer.key)}>
                Promote {offer.version} to {offer.environment}
              </button>
            ) : null}
          </td>
        );
      })}
    </tr>
  );
}

/** Arrow keys move between cells (rows are services, columns environments); Tab still walks every control. */
function moveFocus(event: KeyboardEvent<HTMLTableElement>): void {
  const from = (event.target as HTMLElement).closest<HTMLElement>('[data-cell]');
  const delta = { ArrowUp: [-1, 0], ArrowDown: [1, 0], ArrowLeft: [0, -1], ArrowRight: [0, 1] }[event.key];
  if (!from || !delta) return;
  const row = Number(from.dataset.row) + delta[0]!;
  const col = Number(from.dataset.col) + delta[1]!;
  const to = event.currentTarget.querySelector<HTMLElement>(`[data-cell][data-row="${row}"][data-col="${col}"]`);
  if (to) {
    event.preventDefault();
    to.focus();
  }
}

