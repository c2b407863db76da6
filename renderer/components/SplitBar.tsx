// The live traffic split as one bar; its accessible name lists every version's integer percent.

import type { SplitEntry } from '../../app/model';
import { orderedSplit, splitLabel } from '../domain/split';

interface Props {
  split: SplitEntry[];
  stable: string;
  candidate: string | null;
  large?: boolean;
  /** Drawn beside a labelled copy elsewhere on the page: hidden from assistive tech so each split is named once. */
  decorative?: boolean;
}

export function SplitBar({ split, stable, candidate, large = false, decorative = false }: Props) {
  const segments = orderedSplit(split, stable, candidate);
  const label = splitLabel(split, stable, candidate);
  const serving = segments.some((s) => s.percent > 0);
  return (
    <div
      className={`split-bar${large ? ' split-bar--large' : ''}`}
      {...(decorative ? { 'aria-hidden': true } : { role: 'img', 'aria-label': label })}
      title={label}
    >
      {serving ? (
        segments
          .filter((s) => s.percent > 0)
          .map((s) => (
            <span key={s.version} className={`split-bar__segment split--${s.role}`} style={{ flexGrow: s.percent }}>
              {large && s.percent >= 8 ? `${s.version} ${Math.round(s.percent)}%` : null}
            </span>
          ))
      ) : (
        <span className="split-bar__empty">nothing serving</span>
      )}
    </div>
  );
}
