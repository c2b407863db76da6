// Above the fleet: the filter box (name and facets), "unhealthy only", sort and grouping, and how many are shown.
// "/" focuses the filter; Enter selects the first service it shows; Escape clears it.

import { useEffect, useId, useRef } from 'react';
import { SORT_LABELS, type Facet, type SortKey } from '../../domain/fleet-query';
import { useFleetView } from '../../state/fleet-view-store';

interface Props {
  facets: Facet[];
  shown: number;
  total: number;
  onPickFirst(): void;
}

export function FleetToolbar({ facets, shown, total, onPickFirst }: Props) {
  const view = useFleetView();
  const inputRef = useRef<HTMLInputElement>(null);
  const hintId = useId();

  useEffect(() => {
    function onKeyDown(event: KeyboardEvent): void {
      if (event.key !== '/' || event.ctrlKey || event.metaKey || event.altKey || event.defaultPrevented) return;
      const target = event.target as HTMLElement | null;
      if (target !== null && (target.tagName === 'INPUT' || target.tagName === 'TEXTAREA' || target.isContentEditable)) return;
      event.preventDefault();
      inputRef.current?.focus();
    }
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);

  const facetHint = facets.map((f) => `${f.key}:`).join(' ');
  return (
    <div className="fleet-toolbar" role="search" aria-label="Fleet filter">
      <input
        ref={inputRef}
        type="search"
        className="fleet-filter"
        aria-label="Filter services"
        aria-describedby={hintId}
        aria-keyshortcuts="/"
        placeholder={`Filter by name or ${facetHint}…`}
        value={view.text}
        onChange={(event) => view.setText(event.target.value)}
        onKeyDown={(event) => {
          if (event.key === 'Enter') {
            event.preventDefault();
            onPickFirst();
          } else if (event.key === 'Escape' && view.text !== '') {
            event.preventDefault();
            view.setText('');
          }
        }}
      />
      <span id={hintId} className="visually-hidden">
        Words match service names; {facets.map((f) => `${f.key}: filters by ${f.label.toLowerCase()}`).join(', ')}. Enter selects the first match.
      </span>
      <label className="fleet-check">
        <input type="checkbox" checked={view.unhealthyOnly} onChange={(event) => view.setUnhealthyOnly(event.target.checked)} /> Unhealthy only
      </label>
      <label className="fleet-select">
        Sort
        <select value={view.sort} onChange={(event) => view.setSort(event.target.value as SortKey)}>
          {(Object.keys(SORT_LABELS) as SortKey[]).map((key) => (
            <option key={key} value={key}>
              {SORT_LABELS[key]}
            </option>
          ))}
        </select>
      </label>
      <label className="fleet-select">
        Group
        <select value={view.group} onChange={(event) => view.setGroup(event.target.value)}>
          <option value="none">None</option>
          {facets.map((f) => (
            <option key={f.key} value={f.key}>
              {f.label}
            </option>
          ))}
        </select>
      </label>
      <span className="muted small fleet-count" aria-live="polite">
        {shown === total ? `${total} services` : `${shown} of ${total} services`}
      </span>
    </div>
  );
}
