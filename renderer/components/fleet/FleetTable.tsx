// The fleet's rows, virtualised: only the rows in view (and a few around them) are in the DOM, so 250 services
// update live as smoothly as ten. Each service is its own <tbody> (its row, then its concern and warning rows).

import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useMemo, useRef } from 'react';
import type { ServiceView } from '../../../app/api';
import type { FleetItem } from '../../domain/fleet-query';
import { ServiceRow } from '../ServiceRow';

interface Props {
  items: FleetItem[];
  services: Readonly<Record<string, ServiceView>>;
  selected: string | null;
  onSelect(serviceId: string): void;
}

const COLUMNS = 9;
const ROW_ESTIMATE = 37;
const HEAD_HEIGHT = 32;

export function FleetTable({ items, services, selected, onSelect }: Props) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: items.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_ESTIMATE,
    getItemKey: (i) => {
      const item = items[i]!;
      return item.kind === 'group' ? `group:${item.key}` : item.id;
    },
    overscan: 8,
    scrollPaddingStart: HEAD_HEIGHT,
    // Rows on the first paint, before the scroll box is measured.
    initialRect: { width: 900, height: 800 },
  });

  // aria-rowindex of each service row: the header is row 1, group headers are not counted.
  const rowIndexes = useMemo(() => {
    let n = 1;
    return items.map((item) => (item.kind === 'service' ? ++n : n));
  }, [items]);
  const serviceCount = rowIndexes.at(-1) ?? 1;

  // Keyboard moves (j / k, the palette, the filter's Enter) bring the selected row into view.
  const selectedIndex = selected === null ? -1 : items.findIndex((item) => item.kind === 'service' && item.id === selected);
  useEffect(() => {
    if (selectedIndex >= 0) virtualizer.scrollToIndex(selectedIndex, { align: 'auto' });
  }, [selectedIndex, virtualizer]);

  const virtual = virtualizer.getVirtualItems();
  const before = virtual[0]?.start ?? 0;
  const after = Math.max(0, virtualizer.getTotalSize() - (virtual.at(-1)?.end ?? 0));
  return (
    <div className="fleet-scroll" ref={scrollRef}>
      <table className="fleet-table" aria-labelledby="fleet-heading" aria-rowcount={serviceCount}>
        <thead>
          <tr aria-rowindex={1}>
            <th scope="col">Service</th>
            <th scope="col">Platform</th>
            <th scope="col">Stable</th>
            <th scope="col">Candidate</th>
            <th scope="col">Phase</th>
            <th scope="col">Split</th>
            <th scope="col">Error rate</th>
            <th scope="col">P99</th>
            <th scope="col">Ready</th>
          </tr>
        </thead>
        {before > 0 ? (
          <tbody aria-hidden="true">
            <tr className="fleet-spacer" style={{ height: before }} />
          </tbody>
        ) : null}
        {virtual.map((v) => {
          const item = items[v.index]!;
          if (item.kind === 'group') {
            return (
              <tbody key={v.key} data-index={v.index} ref={virtualizer.measureElement} className="fleet-group">
                <tr>
                  <th scope="rowgroup" colSpan={COLUMNS}>
                    {item.label} <span className="muted small">· {item.count} {item.count === 1 ? 'service' : 'services'}</span>
                  </th>
                </tr>
              </tbody>
            );
          }
          const service = services[item.id];
          return service === undefined ? null : (
            <tbody key={v.key} data-index={v.index} ref={virtualizer.measureElement}>
              <ServiceRow service={service} selected={item.id === selected} onSelect={onSelect} rowIndex={rowIndexes[v.index]} />
            </tbody>
          );
        })}
        {after > 0 ? (
          <tbody aria-hidden="true">
            <tr className="fleet-spacer" style={{ height: after }} />
          </tbody>
        ) : null}
      </table>
    </div>
  );
}
