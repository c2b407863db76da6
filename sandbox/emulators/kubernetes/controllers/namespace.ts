// The namespace controller: empties a Terminating namespace (pods end gracefully, the rest at once), says what is
// left in its conditions, and removes the namespace when nothing is left in it.

import { RESOURCES } from '../api/resources';
import { parseTime, rfc3339 } from '../api/time';
import { clone, isRecord, sameJson, type KubeObject } from '../api/types';
import { R, type ControllerContext } from './context';

/** World ms a Terminating namespace lasts at least. */
const FINALIZE_AFTER_MS = 5000;

export class NamespaceController {
  constructor(private readonly ctx: ControllerContext) {}

  syncAll(): void {
    for (const ns of this.ctx.store.scan(R.namespaces)) if (ns.metadata.deletionTimestamp) this.sync(ns);
  }

  private sync(ns: KubeObject): void {
    const name = ns.metadata.name ?? '';
    const remaining = new Map<string, number>();
    for (const resource of RESOURCES.filter((r) => r.namespaced)) {
      for (const o of this.ctx.store.scan(resource, name)) {
        remaining.set(resource.name, (remaining.get(resource.name) ?? 0) + 1);
        if (o.metadata.deletionTimestamp) continue;
        try {
          this.ctx.registry.delete(resource, name, o.metadata.name ?? '', { propagationPolicy: 'Background' });
        } catch {
          // Already gone (an owner's garbage collection took it).
        }
      }
    }
    // The real controller needs a few passes (discovery, deletion, finalization): the namespace stays Terminating a moment.
    const since = parseTime(ns.metadata.deletionTimestamp) ?? 0;
    if (remaining.size === 0 && this.ctx.clock.now() >= since + FINALIZE_AFTER_MS) {
      this.ctx.store.remove(R.namespaces, undefined, name);
      return;
    }
    const counts = [...remaining.entries()].sort(([a], [b]) => a.localeCompare(b));
    const content =
      remaining.size === 0
        ? { type: 'NamespaceContentRemaining', status: 'False', reason: 'ContentRemoved', message: 'All content successfully removed' }
        : { type: 'NamespaceContentRemaining', status: 'True', reason: 'SomeResourcesRemain', message: `Some resources are remaining: ${counts.map(([r, n]) => `${r}. has ${n} resource instances`).join(', ')}` };
    this.setConditions(ns, [
      { type: 'NamespaceDeletionDiscoveryFailure', status: 'False', reason: 'ResourcesDiscovered', message: 'All resources successfully discovered' },
      { type: 'NamespaceDeletionGroupVersionParsingFailure', status: 'False', reason: 'ParsedGroupVersions', message: 'All legacy kube types successfully parsed' },
      { type: 'NamespaceDeletionContentFailure', status: 'False', reason: 'ContentDeleted', message: 'All content successfully deleted, may be waiting on finalization' },
      content,
      { type: 'NamespaceFinalizersRemaining', status: 'False', reason: 'ContentHasNoFinalizers', message: 'All content-preserving finalizers finished' },
    ]);
  }

  private setConditions(ns: KubeObject, conditions: Record<string, string>[]): void {
    const current = this.ctx.store.get(R.namespaces, undefined, ns.metadata.name ?? '');
    if (!current) return;
    const status = isRecord(current.status) ? current.status : {};
    const before = Array.isArray(status.conditions) ? (status.conditions as Record<string, string>[]) : [];
    const at = rfc3339(this.ctx.clock.now());
    const next = conditions.map((c) => {
      const old = before.find((b) => b.type === c.type);
      return { ...c, lastTransitionTime: old && old.status === c.status ? old.lastTransitionTime : at };
    });
    if (sameJson(before, next)) return;
    const updated = clone(current);
    updated.status = { ...status, conditions: next };
    this.ctx.store.update(R.namespaces, updated);
  }
}
