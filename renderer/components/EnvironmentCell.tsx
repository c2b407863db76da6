// One cell of the environment matrix: a button naming the service's version(s), phase, split and health in one environment.

import { cellVersions, relationText, soakText, type MatrixCell } from '../../app/environments/matrix';
import { splitText } from '../domain/split';
import { useServer } from '../state/server-store';
import { SplitBar } from './SplitBar';

interface Props {
  cell: MatrixCell;
  name: string;
  previous: string | null;
  selected: boolean;
  position: { row: number; col: number };
  onSelect(): void;
}

export function EnvironmentCell({ cell, name, previous, selected, position, onSelect }: Props) {
  const relation = relationText(cell, previous);
  // World time from the service's latest sample, read only while a soak is counting down.
  const worldNow = useServer((s) => (cell.soak && !cell.soak.fired ? (s.series[cell.key]?.at(-1)?.t ?? null) : null));
  const soak = soakText(cell, worldNow);
  const phase = cell.phase ?? 'no release';
  const label = `${name} in ${cell.environment}: ${cellVersions(cell)}, ${phase}, health ${cell.health}${relation ? `, ${relation}` : ''}${soak ? `, ${soak}` : ''}`;
  // The split is named in the cell's label already (the versions and the candidate's share): the bar is decoration.
  return (
    <button type="button" className="env-cell__open" aria-label={label} aria-current={selected ? 'true' : undefined}
      data-cell="" data-row={position.row} data-col={position.col} onClick={onSelect}>
      <span className="env-cell__version mono">{cellVersions(cell)}</span>
      <span className={cell.phase ? `phase phase--${cell.phase}` : 'muted'}>{phase}</span>
      <span className="env-cell__split" title={splitText(cell.split)}>
        <SplitBar split={cell.split} stable={cell.stable} candidate={cell.candidate} decorative />
      </span>
      <span className={`env-cell__health${cell.healthy ? '' : ' warn-text'}`}>{cell.health}</span>
      {relation ? <span className={`env-cell__relation env-cell__relation--${cell.relation}`}>{relation}</span> : null}
      {soak ? <span className={`env-cell__soak${cell.soak?.fired ? ' warn-text' : ' muted'}`}>{soak}</span> : null}
    </button>
  );
}
