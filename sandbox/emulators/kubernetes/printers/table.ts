// The meta.k8s.io Table kubectl get asks for (Accept: application/json;as=Table;v=v1;g=meta.k8s.io).

import { isRecord, type KubeObject } from '../api/types';
import { cellsFor } from './cells';
import { columnsFor } from './columns';

export type IncludeObject = 'None' | 'Metadata' | 'Object';

export interface TableOptions {
  kind: string;
  now: number;
  includeObject: IncludeObject;
  /** meta.k8s.io version the client asked for. */
  version: 'v1' | 'v1beta1';
  resourceVersion?: string;
  /** Omit columnDefinitions (watch events after the first). */
  noHeaders?: boolean;
}

function rowObject(o: KubeObject, include: IncludeObject, version: string): unknown {
  if (include === 'None') return undefined;
  if (include === 'Object') return o;
  const metadata = { ...o.metadata };
  if (isRecord(metadata.annotations)) delete (metadata.annotations as Record<string, string>)['kubectl.kubernetes.io/last-applied-configuration'];
  return { kind: 'PartialObjectMetadata', apiVersion: `meta.k8s.io/${version}`, metadata };
}

export function toTable(objects: KubeObject[], options: TableOptions): Record<string, unknown> {
  return {
    kind: 'Table',
    apiVersion: `meta.k8s.io/${options.version}`,
    metadata: options.resourceVersion ? { resourceVersion: options.resourceVersion } : {},
    columnDefinitions: options.noHeaders ? null : columnsFor(options.kind),
    rows: objects.map((o) => {
      const object = rowObject(o, options.includeObject, options.version);
      return { cells: cellsFor(options.kind, o, options.now), ...(object === undefined ? {} : { object }) };
    }),
  };
}

/** The Table media type the client accepts, if any. */
export function tableRequested(accept: string | undefined): 'v1' | 'v1beta1' | null {
  for (const part of (accept ?? '').split(',')) {
    const params = part.split(';').map((p) => p.trim());
    if (!params.includes('as=Table') || !params.includes('g=meta.k8s.io')) continue;
    return params.includes('v=v1beta1') ? 'v1beta1' : 'v1';
  }
  return null;
}
