// pod-template-hash: FNV-32a over the canonical template (plus collisionCount), spelled with SafeEncodeString.

import { canonicalJson, clone } from '../api/types';
import { POD_TEMPLATE_HASH, type PodTemplate } from './apps-types';

const ALPHANUMS = 'bcdfghjklmnpqrstvwxz2456789';

export function fnv32a(bytes: Uint8Array): number {
  let hash = 0x811c9dc5;
  for (const byte of bytes) {
    hash ^= byte;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash >>> 0;
}

export function safeEncodeString(text: string): string {
  return [...text].map((ch) => ALPHANUMS[ch.charCodeAt(0) % ALPHANUMS.length]).join('');
}

export function templateHash(template: PodTemplate | undefined, collisionCount?: number): string {
  const bytes = [...new TextEncoder().encode(canonicalJson(withoutHashLabel(template)))];
  if (collisionCount !== undefined && collisionCount > 0) {
    let n = BigInt(collisionCount);
    for (let i = 0; i < 8; i++) {
      bytes.push(Number(n & 0xffn));
      n >>= 8n;
    }
  }
  return safeEncodeString(String(fnv32a(Uint8Array.from(bytes))));
}

export function withoutHashLabel(template: PodTemplate | undefined): PodTemplate {
  const copy = clone(template ?? {});
  if (copy.metadata?.labels) {
    delete copy.metadata.labels[POD_TEMPLATE_HASH];
    if (Object.keys(copy.metadata.labels).length === 0) delete copy.metadata.labels;
  }
  return copy;
}
