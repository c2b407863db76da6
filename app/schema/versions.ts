// Ordering application versions ("1.4.2", "v2.10.0", "2024.05.1-rc1"): numbers compare as numbers, the rest as text.

function parts(version: string): (number | string)[] {
  return version
    .replace(/^v(?=\d)/i, '')
    .split(/[.\-+_]/)
    .map((part) => (/^\d+$/.test(part) ? Number(part) : part));
}

/** Negative when a is older than b, 0 when equal, positive when newer. */
export function compareVersions(a: string, b: string): number {
  const pa = parts(a);
  const pb = parts(b);
  for (let i = 0; i < Math.max(pa.length, pb.length); i += 1) {
    const x = pa[i];
    const y = pb[i];
    if (x === undefined) return typeof y === 'string' ? 1 : -1; // 1.0 < 1.0.1, but 1.0-rc1 < 1.0
    if (y === undefined) return typeof x === 'string' ? -1 : 1;
    if (x === y) continue;
    if (typeof x === 'number' && typeof y === 'number') return x - y;
    if (typeof x === 'number') return 1;
    if (typeof y === 'number') return -1;
    return x < y ? -1 : 1;
  }
  return 0;
}

export function isOlder(version: string, than: string): boolean {
  return compareVersions(version, than) < 0;
}
