// The object store: one cluster-wide resourceVersion counter, objects per resource, and a bounded event history.

import { randomUUID } from 'node:crypto';
import type { Clock } from '../../clock';
import { resourceKey, type ResourceType } from './resources';
import { nowRfc3339 } from './time';
import { clone, isRecord, sameJson, type KubeObject } from './types';

export type EventType = 'ADDED' | 'MODIFIED' | 'DELETED';

export interface StoreEvent {
  rv: number;
  type: EventType;
  resource: ResourceType;
  object: KubeObject;
  /** The object before this change (MODIFIED, DELETED). */
  previous?: KubeObject;
}

export interface WriteOptions {
  /** Leave metadata.generation alone even if the spec changed (controller status writes). */
  keepGeneration?: boolean;
}

function key(namespace: string | undefined, name: string): string {
  return `${namespace ?? ''}/${name}`;
}

export class ObjectStore {
  private rv = 1;
  private readonly objects = new Map<string, Map<string, KubeObject>>();
  private history: StoreEvent[] = [];
  private readonly listeners = new Set<(event: StoreEvent) => void>();

  constructor(
    readonly clock: Clock,
    private readonly historyLimit = 5000,
  ) {}

  currentRv(): number {
    return this.rv;
  }

  get(resource: ResourceType, namespace: string | undefined, name: string): KubeObject | undefined {
    const found = this.table(resource).get(key(resource.namespaced ? namespace : undefined, name));
    return found ? clone(found) : undefined;
  }

  list(resource: ResourceType, namespace?: string): KubeObject[] {
    const items = [...this.table(resource).values()].filter((o) => !namespace || !resource.namespaced || o.metadata.namespace === namespace);
    items.sort((a, b) => key(a.metadata.namespace, a.metadata.name ?? '').localeCompare(key(b.metadata.namespace, b.metadata.name ?? '')));
    return items.map(clone);
  }

  /** The stored objects themselves, unsorted and uncloned, for the in-process controllers: never mutate them. */
  scan(resource: ResourceType, namespace?: string): readonly KubeObject[] {
    const items = [...this.table(resource).values()];
    return namespace && resource.namespaced ? items.filter((o) => o.metadata.namespace === namespace) : items;
  }

  /** Stores a new object: uid, resourceVersion, creationTimestamp, generation. The caller checked the name is free. */
  create(resource: ResourceType, input: KubeObject): KubeObject {
    const object = clone(input);
    const name = object.metadata.name;
    if (!name) throw new Error('create: the object has no name');
    // The registry assigns it before defaulting (a Job's selector names it); controllers' objects get one here.
    object.metadata.uid = object.metadata.uid || randomUUID();
    object.metadata.creationTimestamp = nowRfc3339(this.clock);
    if (resource.generation) object.metadata.generation = 1;
    else delete object.metadata.generation;
    if (!resource.namespaced) delete object.metadata.namespace;
    object.metadata.resourceVersion = String(++this.rv);
    this.table(resource).set(key(object.metadata.namespace, name), object);
    this.emit({ rv: this.rv, type: 'ADDED', resource, object });
    return clone(object);
  }

  /** Replaces an existing object; bumps generation when the spec changed. Returns the stored object, unchanged input if nothing changed. */
  update(resource: ResourceType, input: KubeObject, options: WriteOptions = {}): KubeObject {
    const name = input.metadata.name ?? '';
    const k = key(resource.namespaced ? input.metadata.namespace : undefined, name);
    const previous = this.table(resource).get(k);
    if (!previous) throw new Error(`update: ${resource.name} ${k} does not exist`);
    const object = clone(input);
    object.metadata.uid = previous.metadata.uid;
    object.metadata.creationTimestamp = previous.metadata.creationTimestamp;
    object.metadata.resourceVersion = previous.metadata.resourceVersion;
    if (resource.generation) {
      object.metadata.generation = previous.metadata.generation ?? 1;
      if (!options.keepGeneration && generationChanges(resource, previous, object)) object.metadata.generation += 1;
    }
    if (sameJson(previous, object)) return clone(previous);
    object.metadata.resourceVersion = String(++this.rv);
    this.table(resource).set(k, object);
    this.emit({ rv: this.rv, type: 'MODIFIED', resource, object, previous });
    return clone(object);
  }

  remove(resource: ResourceType, namespace: string | undefined, name: string): KubeObject | undefined {
    const k = key(resource.namespaced ? namespace : undefined, name);
    const previous = this.table(resource).get(k);
    if (!previous) return undefined;
    this.table(resource).delete(k);
    const object = clone(previous);
    object.metadata.resourceVersion = String(++this.rv);
    this.emit({ rv: this.rv, type: 'DELETED', resource, object, previous });
    return clone(object);
  }

  /** Events after `rv`, or null when the history no longer reaches back that far. */
  eventsSince(rv: number): StoreEvent[] | null {
    const first = this.history[0];
    if (first && rv < first.rv - 1) return null;
    return this.history.filter((e) => e.rv > rv);
  }

  oldestRv(): number {
    return this.history[0]?.rv ?? this.rv;
  }

  subscribe(listener: (event: StoreEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private emit(event: StoreEvent): void {
    this.history.push(event);
    if (this.history.length > this.historyLimit) this.history = this.history.slice(-this.historyLimit);
    for (const listener of [...this.listeners]) listener(event);
  }

  private table(resource: ResourceType): Map<string, KubeObject> {
    const k = resourceKey(resource);
    let table = this.objects.get(k);
    if (!table) {
      table = new Map();
      this.objects.set(k, table);
    }
    return table;
  }
}

function generationChanges(resource: ResourceType, before: KubeObject, after: KubeObject): boolean {
  if (resource.custom) {
    const strip = (o: KubeObject) => Object.fromEntries(Object.entries(o).filter(([k]) => k !== 'metadata' && k !== 'status'));
    return !sameJson(strip(before), strip(after));
  }
  if (!sameJson(before.spec, after.spec)) return true;
  return resource.name === 'deployments' && !sameJson(annotations(before), annotations(after));
}

function annotations(o: KubeObject): unknown {
  return isRecord(o.metadata.annotations) ? o.metadata.annotations : {};
}
