// labelSelector query strings (equality- and set-based) and LabelSelector objects (matchLabels / matchExpressions).

import { badRequest } from './errors';

export interface Requirement {
  key: string;
  op: 'in' | 'notin' | 'exists' | '!exists';
  values: string[];
}

export type Labels = Record<string, string> | undefined;

export function parseLabelSelector(text: string): Requirement[] {
  const requirements: Requirement[] = [];
  for (const part of splitTopLevel(text.trim())) {
    const term = part.trim();
    if (!term) continue;
    requirements.push(parseTerm(term));
  }
  return requirements;
}

function splitTopLevel(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let current = '';
  for (const ch of text) {
    if (ch === '(') depth++;
    if (ch === ')') depth--;
    if (ch === ',' && depth === 0) {
      parts.push(current);
      current = '';
    } else current += ch;
  }
  parts.push(current);
  return parts;
}

const KEY = /^[A-Za-z0-9]([-A-Za-z0-9_./]*[A-Za-z0-9])?$/;

function checkKey(key: string, term: string): string {
  if (!KEY.test(key)) throw badRequest(`unable to parse requirement: found '${term}', expected: identifier`);
  return key;
}

function parseTerm(term: string): Requirement {
  const set = /^(\S+)\s+(in|notin)\s*\(([^)]*)\)$/.exec(term);
  if (set) {
    const values = (set[3] ?? '').split(',').map((v) => v.trim()).filter((v) => v !== '');
    return { key: checkKey(set[1] ?? '', term), op: set[2] === 'in' ? 'in' : 'notin', values };
  }
  const notEq = /^([^!=\s]+)\s*!=\s*(\S*)$/.exec(term);
  if (notEq) return { key: checkKey(notEq[1] ?? '', term), op: 'notin', values: [notEq[2] ?? ''] };
  const eq = /^([^!=\s]+)\s*==?\s*(\S*)$/.exec(term);
  if (eq) return { key: checkKey(eq[1] ?? '', term), op: 'in', values: [eq[2] ?? ''] };
  if (term.startsWith('!')) return { key: checkKey(term.slice(1).trim(), term), op: '!exists', values: [] };
  return { key: checkKey(term, term), op: 'exists', values: [] };
}

export function matchesRequirements(requirements: Requirement[], labels: Labels): boolean {
  return requirements.every((r) => {
    const value = labels?.[r.key];
    switch (r.op) {
      case 'in':
        return value !== undefined && r.values.includes(value);
      case 'notin':
        return value === undefined || !r.values.includes(value);
      case 'exists':
        return value !== undefined;
      case '!exists':
        return value === undefined;
    }
  });
}

export interface LabelSelectorObject {
  matchLabels?: Record<string, string>;
  matchExpressions?: { key: string; operator: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist'; values?: string[] }[];
}

export function selectorRequirements(selector: LabelSelectorObject | undefined): Requirement[] {
  const out: Requirement[] = Object.entries(selector?.matchLabels ?? {}).map(([key, value]) => ({ key, op: 'in', values: [value] }));
  for (const e of selector?.matchExpressions ?? []) {
    const op = ({ In: 'in', NotIn: 'notin', Exists: 'exists', DoesNotExist: '!exists' } as const)[e.operator];
    out.push({ key: e.key, op, values: e.values ?? [] });
  }
  return out;
}

/** A LabelSelector object as the `key=value,key in (a,b)` text kubectl shows. */
export function formatSelector(selector: LabelSelectorObject | undefined): string {
  const parts = Object.entries(selector?.matchLabels ?? {})
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([k, v]) => `${k}=${v}`);
  for (const e of selector?.matchExpressions ?? []) {
    if (e.operator === 'In') parts.push(`${e.key} in (${(e.values ?? []).join(',')})`);
    else if (e.operator === 'NotIn') parts.push(`${e.key} notin (${(e.values ?? []).join(',')})`);
    else if (e.operator === 'Exists') parts.push(e.key);
    else parts.push(`!${e.key}`);
  }
  return parts.join(',');
}
