// What the service's platform says beyond the split, drawn from its detail document: any platform, one panel.

import { useId } from 'react';
import type { DetailLine, DetailSection, PlatformDetail } from '../../app/platform-detail';
import { clockText } from '../domain/format';
import { deadlineText, sharePercentText } from '../domain/platform-detail';
import '../styles/platform-detail.css';

function Line({ line, worldNow }: { line: DetailLine; worldNow: number | null }) {
  return (
    <>
      {line.map((span, i) => {
        switch (span.kind) {
          case 'text':
            if (span.style === 'strong') return <strong key={i}>{span.text}</strong>;
            return span.style === 'muted' ? <span key={i} className="muted small">{span.text}</span> : <span key={i}>{span.text}</span>;
          case 'mono':
            return <span key={i} className="mono">{span.text}</span>;
          case 'status':
            return <span key={i} className={`detail-status detail-status--${span.tone}`}>{span.text}</span>;
          case 'time':
            return <time key={i} dateTime={new Date(span.at).toISOString()}>{clockText(span.at)}</time>;
          case 'deadline':
            return <time key={i} dateTime={new Date(span.at).toISOString()}>{deadlineText(span.at, worldNow)}</time>;
          case 'percent':
            return <span key={i}>{sharePercentText(span.value)}</span>;
        }
      })}
    </>
  );
}

function SectionTitle({ id, title }: { id: string; title: string }) {
  return <h4 id={id} className="detail-section__title">{title}</h4>;
}

function Section({ section, worldNow, panelTitleId }: { section: DetailSection; worldNow: number | null; panelTitleId: string }) {
  const titleId = useId();
  switch (section.kind) {
    case 'lines':
      return (
        <>
          {section.lines.map((line, i) => (
            <p key={i} className="detail-line"><Line line={line} worldNow={worldNow} /></p>
          ))}
        </>
      );
    case 'facts':
      return (
        <div className="detail-section">
          {section.title !== null ? <SectionTitle id={titleId} title={section.title} /> : null}
          <dl className="detail-facts" aria-labelledby={section.title !== null ? titleId : undefined}>
            {section.facts.map((fact) => (
              <div key={fact.label} className="detail-facts__pair">
                <dt>{fact.label}</dt>
                <dd><Line line={fact.value} worldNow={worldNow} /></dd>
              </div>
            ))}
          </dl>
        </div>
      );
    case 'table':
      return (
        <table className="detail-table">
          <caption className="detail-section__title">{section.title}</caption>
          <thead>
            <tr>
              {section.columns.map((column) => (
                <th key={column.label} scope="col" className={column.numeric ? 'num' : undefined}>{column.label}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {section.rows.map((row, r) => (
              <tr key={r}>
                {row.map((cell, c) => (
                  <td key={c} className={section.columns[c]?.numeric ? 'num' : undefined}><Line line={cell} worldNow={worldNow} /></td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      );
    case 'list':
      return (
        <div className="detail-section">
          {section.title !== null ? <SectionTitle id={titleId} title={section.title} /> : null}
          <ul className="detail-list" aria-labelledby={section.title !== null ? titleId : panelTitleId}>
            {section.items.map((item, i) => (
              <li key={i} className={`detail-item detail-item--${item.tone}`}><Line line={item.line} worldNow={worldNow} /></li>
            ))}
          </ul>
        </div>
      );
    case 'notes':
      return (
        <div className="detail-section">
          <SectionTitle id={titleId} title={section.title} />
          <ul className="detail-notes small" aria-labelledby={titleId}>
            {section.notes.map((note) => (
              <li key={note}>{note}</li>
            ))}
          </ul>
        </div>
      );
    case 'events':
      return (
        <details className="detail-events small">
          <summary>{section.title}</summary>
          <ul>
            {section.events.map((e, i) => (
              <li key={`${e.at ?? ''}-${i}`}>
                {e.at !== null ? <span className="muted">{clockText(e.at)} </span> : null}
                {e.message}
              </li>
            ))}
          </ul>
        </details>
      );
  }
}

export function PlatformDetailPanel({ detail, worldNow }: { detail: PlatformDetail; worldNow: number | null }) {
  const titleId = useId();
  return (
    <section className="panel detail-panel" aria-labelledby={titleId}>
      <h3 className="subhead">
        <span id={titleId}>{detail.title}</span>
        {detail.subtitle !== null ? <span className="detail-panel__subtitle"> {detail.subtitle}</span> : null}
      </h3>
      {detail.sections.map((section, i) => (
        <Section key={i} section={section} worldNow={worldNow} panelTitleId={titleId} />
      ))}
    </section>
  );
}
