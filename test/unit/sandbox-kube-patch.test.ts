// The three patch types of the sandbox API server: JSON merge, JSON patch (RFC 6902) and strategic merge.

import { describe, expect, it } from 'vitest';
import { applyJsonPatch, decodeJsonPatch, JsonPatchError } from '../../sandbox/emulators/kubernetes/patch/json-patch';
import { mergePatch } from '../../sandbox/emulators/kubernetes/patch/merge-patch';
import { strategicMergePatch } from '../../sandbox/emulators/kubernetes/patch/strategic-merge';

const deployment = () => ({
  metadata: { name: 'web', labels: { app: 'web', tier: 'front' } },
  spec: {
    paused: true,
    template: {
      spec: {
        containers: [
          { name: 'web', image: 'web:1', env: [{ name: 'A', value: '1' }, { name: 'B', value: '2' }], ports: [{ containerPort: 8080, protocol: 'TCP' }] },
          { name: 'sidecar', image: 'proxy:1' },
        ],
      },
    },
  },
});

describe('merge patch (RFC 7386)', () => {
  it('merges objects, deletes on null, replaces arrays whole', () => {
    const patched = mergePatch(deployment(), { metadata: { labels: { tier: null, new: 'x' } }, spec: { paused: null, template: { spec: { containers: [{ name: 'only' }] } } } }) as ReturnType<typeof deployment>;
    expect(patched.metadata.labels).toEqual({ app: 'web', new: 'x' });
    expect(patched.spec.paused).toBeUndefined();
    expect(patched.spec.template.spec.containers).toEqual([{ name: 'only' }]);
  });
});

describe('JSON patch (RFC 6902)', () => {
  it('applies add, remove, replace, move, copy and test, with escaped pointers', () => {
    const doc = { metadata: { annotations: { 'a/b': '1', 'c~d': '2' } }, list: [1, 2, 3] };
    const out = applyJsonPatch(doc, decodeJsonPatch([
      { op: 'test', path: '/metadata/annotations/a~1b', value: '1' },
      { op: 'replace', path: '/metadata/annotations/c~0d', value: '3' },
      { op: 'add', path: '/list/-', value: 4 },
      { op: 'add', path: '/list/0', value: 0 },
      { op: 'remove', path: '/list/1' },
      { op: 'copy', from: '/list/0', path: '/first' },
      { op: 'move', from: '/first', path: '/moved' },
    ]));
    expect(out).toEqual({ metadata: { annotations: { 'a/b': '1', 'c~d': '3' } }, list: [0, 2, 3, 4], moved: 0 });
    expect(doc.list).toEqual([1, 2, 3]);
  });

  it('replaces a missing object member like the apiserver (adds it), fails tests and bad paths, and refuses non-arrays', () => {
    expect(applyJsonPatch({ spec: {} }, [{ op: 'replace', path: '/spec/paused', value: true }])).toEqual({ spec: { paused: true } });
    expect(() => applyJsonPatch({ a: 1 }, [{ op: 'test', path: '/a', value: 2 }])).toThrow(JsonPatchError);
    expect(() => applyJsonPatch({ a: [] }, [{ op: 'replace', path: '/a/3', value: 2 }])).toThrow(/out of bounds/);
    expect(() => applyJsonPatch({}, [{ op: 'remove', path: '/nope' }])).toThrow(/nonexistent/);
    expect(() => decodeJsonPatch({ op: 'add' })).toThrow(expect.objectContaining({ malformed: true }));
  });
});

describe('strategic merge patch', () => {
  it('merges containers by name and keeps their order with $setElementOrder (kubectl set image)', () => {
    const patched = strategicMergePatch('Deployment', deployment(), {
      spec: { template: { spec: { '$setElementOrder/containers': [{ name: 'web' }, { name: 'sidecar' }], containers: [{ name: 'web', image: 'web:2' }] } } },
    }) as ReturnType<typeof deployment>;
    expect(patched.spec.template.spec.containers.map((c) => [c.name, c.image])).toEqual([['web', 'web:2'], ['sidecar', 'proxy:1']]);
    expect(patched.spec.template.spec.containers[0]!.env).toHaveLength(2);
  });

  it('merges env by name, ports by containerPort, deletes list items with $patch: delete, and fields with null', () => {
    const patched = strategicMergePatch('Deployment', deployment(), {
      spec: {
        paused: null,
        template: { spec: { containers: [{ name: 'web', env: [{ name: 'B', value: '20' }, { name: 'C', value: '3' }], ports: [{ containerPort: 9090 }] }, { name: 'sidecar', $patch: 'delete' }] } },
      },
    }) as ReturnType<typeof deployment>;
    expect(patched.spec.paused).toBeUndefined();
    const [web, ...rest] = patched.spec.template.spec.containers;
    expect(rest).toEqual([]);
    expect(web!.env).toEqual([{ name: 'A', value: '1' }, { name: 'B', value: '20' }, { name: 'C', value: '3' }]);
    expect(web!.ports!.map((p) => p.containerPort)).toEqual([8080, 9090]);
  });

  it('merges a Service selector key by key, Service ports by port, and honours $patch: replace and $retainKeys', () => {
    const service = { spec: { selector: { app: 'web', version: 'blue' }, ports: [{ port: 80, targetPort: 8080 }, { port: 443, targetPort: 8443 }] } };
    const switched = strategicMergePatch('Service', service, { spec: { selector: { version: 'green' }, ports: [{ port: 443, targetPort: 9443 }] } }) as typeof service;
    expect(switched.spec.selector).toEqual({ app: 'web', version: 'green' });
    expect(switched.spec.ports).toEqual([{ port: 80, targetPort: 8080 }, { port: 443, targetPort: 9443 }]);
    const replaced = strategicMergePatch('Service', service, { spec: { selector: { $patch: 'replace', app: 'other' } } }) as typeof service;
    expect(replaced.spec.selector).toEqual({ app: 'other' });
    const strategy = { spec: { strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1 } } } };
    expect(strategicMergePatch('Deployment', strategy, { spec: { strategy: { $retainKeys: ['type'], type: 'Recreate' } } })).toEqual({ spec: { strategy: { type: 'Recreate' } } });
  });
});
