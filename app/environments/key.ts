// The one release key: what the store, locks, engine, API and journal key a service's releases by in an environment.

/** Ids never contain "@" (app/workspace.ts `id`), so the key splits back unambiguously. */
const SEPARATOR = '@';

/** `checkout@production`; the plain id in the implicit environment, so old workspaces and their state files keep working. */
export function releaseKey(serviceId: string, environment: string | null): string {
  return environment === null ? serviceId : `${serviceId}${SEPARATOR}${environment}`;
}

/** The plain service id and its environment (null: the implicit one) of a release key. */
export function parseReleaseKey(key: string): { serviceId: string; environment: string | null } {
  const at = key.indexOf(SEPARATOR);
  if (at < 0) return { serviceId: key, environment: null };
  return { serviceId: key.slice(0, at), environment: key.slice(at + 1) || null };
}

/** The service id platforms and metrics sources know a key's service by. */
export function plainServiceId(key: string): string {
  return parseReleaseKey(key).serviceId;
}

/** Journal events about a whole environment (stop the line) carry `@<environment>` where a release's carry its key. */
export function environmentSubject(environment: string): string {
  return `${SEPARATOR}${environment}`;
}
