// The label conventions of the sandbox world (and of the adapter that discovers it).

export const APP_LABEL = 'app.kubernetes.io/name';
export const VERSION_LABEL = 'app.kubernetes.io/version';

/** A version as a name segment: 2.3.0 → 2-3-0. */
export function versionSlug(version: string): string {
  return version.toLowerCase().replace(/[^a-z0-9-]+/g, '-').replace(/^-+|-+$/g, '');
}

export function imageTag(image: string): string | undefined {
  const last = image.split('/').pop() ?? '';
  return last.includes(':') ? last.split(':').pop() : undefined;
}
