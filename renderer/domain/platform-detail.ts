// The platform's own words on how a service's traffic moves (Kubernetes: the mode, rollout progress, mirroring).

/** The adapter joins its parts with "; ": one line each in the release view. */
export function detailParts(detail: string | null | undefined): string[] {
  if (!detail) return [];
  return detail
    .split('; ')
    .map((part) => part.trim())
    .filter((part) => part.length > 0);
}

/** The fleet row's hint: the first part, how traffic moves (the row cuts it short; its title has the whole detail). */
export function detailHint(detail: string | null | undefined): string | null {
  return detailParts(detail)[0] ?? null;
}
