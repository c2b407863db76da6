// The labels that say which app and which version a Kubernetes object belongs to.

export const APP_LABELS = ['app.kubernetes.io/name', 'app'] as const;
export const VERSION_LABELS = ['app.kubernetes.io/version', 'version'] as const;

type Labels = Record<string, string> | undefined | null;

export function appOf(labels: Labels): string | null {
  for (const key of APP_LABELS) if (labels?.[key]) return labels[key]!;
  return null;
}

export function versionOf(labels: Labels): string | null {
  for (const key of VERSION_LABELS) if (labels?.[key]) return labels[key]!;
  return null;
}

/** The version label key an object uses (so a selector switch writes the key the Service already has). */
export function versionKeyOf(labels: Labels): string | null {
  for (const key of VERSION_LABELS) if (labels?.[key]) return key;
  return null;
}

/** Whether every key of the selector matches the labels (an empty selector matches nothing, as for Services). */
export function selects(selector: Labels, labels: Labels): boolean {
  const entries = Object.entries(selector ?? {});
  return entries.length > 0 && entries.every(([k, v]) => labels?.[k] === v);
}

/** A workspace id from a Kubernetes name (ids allow letters, digits, '.', '_' and '-'). */
export function serviceIdOf(namespace: string, app: string, qualify: boolean): string {
  const raw = qualify ? `${namespace}.${app}` : app;
  return raw.replace(/[^A-Za-z0-9._-]/g, '-').slice(0, 63);
}

export function timeOf(value: unknown): number {
  if (value instanceof Date) return value.getTime();
  return typeof value === 'string' ? Date.parse(value) || 0 : 0;
}
