// Words for a platform's detail document: each typed value as the operator reads it, and the document as plain text.

import type { DetailLine, DetailSpan, PlatformDetail } from '../../app/platform-detail';
import { clockText, durationText } from './format';

/** "12.5%": a share with at most one decimal. */
export function sharePercentText(value: number): string {
  return `${Math.round(value * 10) / 10}%`;
}

/** "14:32:10 (in 23m)": a deadline in clock time and how far it is from the world's now (when known). */
export function deadlineText(at: number, worldNow: number | null): string {
  return `${clockText(at)}${worldNow !== null ? ` (in ${durationText(Math.max(0, at - worldNow))})` : ''}`;
}

export function spanText(span: DetailSpan, worldNow: number | null): string {
  switch (span.kind) {
    case 'text':
    case 'mono':
    case 'status':
      return span.text;
    case 'time':
      return clockText(span.at);
    case 'deadline':
      return deadlineText(span.at, worldNow);
    case 'percent':
      return sharePercentText(span.value);
  }
}

export function lineText(line: DetailLine, worldNow: number | null = null): string {
  return line.map((span) => spanText(span, worldNow)).join('');
}

/** The document's lines as plain text, one entry per paragraph, fact, list item and note (tables and events left out). */
export function detailLines(detail: PlatformDetail | null | undefined, worldNow: number | null = null): string[] {
  if (!detail) return [];
  return detail.sections.flatMap((section): string[] => {
    switch (section.kind) {
      case 'lines':
        return section.lines.map((line) => lineText(line, worldNow));
      case 'facts':
        return section.facts.map((fact) => `${fact.label}: ${lineText(fact.value, worldNow)}`);
      case 'list':
        return section.items.map((item) => lineText(item.line, worldNow));
      case 'notes':
        return section.notes;
      case 'table':
      case 'events':
        return [];
    }
  });
}

/** The fleet row's tooltip: the document's lines, one per line. */
export function detailTooltip(detail: PlatformDetail | null | undefined): string | undefined {
  const lines = detailLines(detail);
  return lines.length > 0 ? lines.join('\n') : undefined;
}
