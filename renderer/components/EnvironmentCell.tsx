// One cell of the environment matrix: a button naming the service's version(s), phase, split and health in one environment.

import { cellVersions, relationText, type MatrixCell } from '../../app/environments/matrix';
import { splitText } from '../domain/split';
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
  const phase = cell.phase ?? 'no release';
  const label = `${name} in ${cell.environment}: ${cellVersions(cell)}, ${phase}, health ${cell.health}${relation ? `, ${relation}` : ''}`;
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
    </button>
  );
}
