// The sandbox Kubernetes API server's wire semantics, over plain HTTP as any client sees them.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WorldClock } from '../../sandbox/emulators/clock';
import { KubeCluster } from '../../sandbox/emulators/kubernetes/cluster';

const NS = 'shop';
let cluster: KubeCluster;
let url: string;

async function call(method: string, path: string, body?: unknown, contentType = 'application/json', accept = 'application/json') {
  const res = await fetch(url + path, {
    method,
    headers: { 'content-type': contentType, accept, authorization: 'Bearer anything' },
    ...(body !== undefined ? { body: typeof body === 'string' ? body : JSON.stringify(body) } : {}),
  });
  const text = await res.text();
  return { status: res.status, contentType: res.headers.get('content-type'), body: text ? JSON.parse(text) : null };
}

const deployment = (name: string, labels: Record<string, string> = { app: name }) => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name, labels },
  spec: { replicas: 1, selector: { matchLabels: { app: name } }, template: { metadata: { labels: { app: name } }, spec: { containers: [{ name, image: `${name}:1` }] } } },
});

/** Reads a watch stream until `until` returns true for the events so far (or the stream ends). */
async function watchEvents(path: string, until: (events: { type: string; object: Record<string, unknown> }[]) => boolean, onOpen?: () => Promise<void>) {
  const controller = new AbortController();
  const res = await fetch(url + path, { signal: controller.signal });
  const reader = res.body!.getReader();
  const events: { type: string; object: Record<string, unknown> }[] = [];
  let buffer = '';
  let opened = false;
  try {
    for (;;) {
      if (!opened && onOpen) {
        opened = true;
        void onOpen();
      }
      const { done, value } = await reader.read();
      if (done) return { events, ended: true };
      buffer += new TextDecoder().decode(value);
      const lines = buffer.split('\n');
      buffer = lines.pop() ?? '';
      for (const line of lines) if (line.trim()) events.push(JSON.parse(line));
      if (until(events)) return { events, ended: false };
    }
  } finally {
    controller.abort();
  }
}

beforeAll(async () => {
  cluster = new KubeCluster({ clock: new WorldClock({ speed: 20 }), historyLimit: 50, watchHeartbeatMs: 200 });
  cluster.seed({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: NS } });
  url = await cluster.start();
});
afterAll(() => cluster?.stop());

describe('sandbox Kubernetes API server: discovery', () => {
  it('serves /version, /api, /apis and group-version resource lists with subresources', async () => {
    expect((await call('GET', '/version')).body).toMatchObject({ major: '1', gitVersion: expect.stringMatching(/^v1\./) });
    expect((await call('GET', '/api/')).body).toMatchObject({ kind: 'APIVersions', versions: ['v1'] });
    const groups = (await call('GET', '/apis')).body.groups.map((g: { name: string }) => g.name);
    expect(groups).toEqual(expect.arrayContaining(['apps', 'coordination.k8s.io', 'gateway.networking.k8s.io', 'networking.istio.io', 'argoproj.io']));
    const apps = (await call('GET', '/apis/apps/v1/')).body;
    expect(apps).toMatchObject({ kind: 'APIResourceList', groupVersion: 'apps/v1' });
    expect(apps.resources).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ name: 'deployments', kind: 'Deployment', namespaced: true, shortNames: ['deploy'] }),
        expect.objectContaining({ name: 'deployments/scale', group: 'autoscaling', version: 'v1', kind: 'Scale' }),
        expect.objectContaining({ name: 'deployments/status', kind: 'Deployment' }),
      ]),
    );
    expect((await call('GET', '/apis/networking.istio.io/v1beta1')).status).toBe(200);
    expect((await call('GET', '/openapi/v3')).body.paths['apis/apps/v1'].serverRelativeURL).toMatch(/^\/openapi\/v3\/apis\/apps\/v1\?hash=/);
  });
});

describe('sandbox Kubernetes API server: writes and Status errors', () => {
  it('creates (201), refuses a duplicate (409 AlreadyExists) and answers 404 NotFound with the real Status body', async () => {
    const created = await call('POST', `/apis/apps/v1/namespaces/${NS}/deployments`, deployment('api-a'));
    expect(created.status).toBe(201);
    expect(created.body.metadata).toMatchObject({ generation: 1, resourceVersion: expect.stringMatching(/^\d+$/), uid: expect.any(String), creationTimestamp: expect.stringMatching(/Z$/) });
    const again = await call('POST', `/apis/apps/v1/namespaces/${NS}/deployments`, deployment('api-a'));
    expect(again).toMatchObject({ status: 409, body: { kind: 'Status', apiVersion: 'v1', status: 'Failure', reason: 'AlreadyExists', code: 409, message: 'deployments.apps "api-a" already exists' } });
    expect((await call('GET', `/apis/apps/v1/namespaces/${NS}/deployments/nope`)).body).toEqual({
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: 'deployments.apps "nope" not found',
      reason: 'NotFound',
      details: { name: 'nope', group: 'apps', kind: 'deployments' },
      code: 404,
    });
  });

  it('answers 409 Conflict to an update with a stale resourceVersion, bumps generation on spec changes only', async () => {
    // The controllers may write status between the read and the write: retry on conflict, as client-go does.
    let current = (await call('GET', `/apis/apps/v1/namespaces/${NS}/deployments/api-a`)).body;
    let updated = await call('PUT', `/apis/apps/v1/namespaces/${NS}/deployments/api-a`, { ...current, spec: { ...current.spec, replicas: 2 } });
    for (let attempt = 0; updated.status === 409 && attempt < 5; attempt += 1) {
      current = (await call('GET', `/apis/apps/v1/namespaces/${NS}/deployments/api-a`)).body;
      updated = await call('PUT', `/apis/apps/v1/namespaces/${NS}/deployments/api-a`, { ...current, spec: { ...current.spec, replicas: 2 } });
    }
    expect(updated.status).toBe(200);
    expect(updated.body.metadata.generation).toBe(2);
    const stale = await call('PUT', `/apis/apps/v1/namespaces/${NS}/deployments/api-a`, current);
    expect(stale.body).toMatchObject({
      reason: 'Conflict',
      code: 409,
      message: 'Operation cannot be fulfilled on deployments.apps "api-a": the object has been modified; please apply your changes to the latest version and try again',
    });
    const status = await call('PATCH', `/apis/apps/v1/namespaces/${NS}/deployments/api-a/status`, { status: { observedGeneration: 99 } }, 'application/merge-patch+json');
    expect(status.body.metadata.generation).toBe(2);
    const labels = await call('PATCH', `/apis/apps/v1/namespaces/${NS}/deployments/api-a`, { metadata: { labels: { tier: 'web' } } }, 'application/merge-patch+json');
    expect(labels.body.metadata.generation).toBe(2);
  });

  it('rejects a selector that does not match the template labels with 422 Invalid and causes', async () => {
    const bad = deployment('api-bad');
    bad.spec.template.metadata.labels = { app: 'other' };
    const res = await call('POST', `/apis/apps/v1/namespaces/${NS}/deployments`, bad);
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({ reason: 'Invalid', details: { name: 'api-bad', group: 'apps', kind: 'Deployment', causes: [{ reason: 'FieldValueInvalid', field: 'spec.template.metadata.labels' }] } });
    // The cause's message is the body alone (kubectl prints "<field>: <message>"), the status message names the field.
    expect(res.body.details.causes[0].message).toMatch(/^Invalid value: /);
    expect(res.body.message).toMatch(/^Deployment\.apps "api-bad" is invalid: spec\.template\.metadata\.labels: Invalid value: /);
  });

  it('applies JSON patches (a failed test is 422), merge patches, and refuses strategic merge on custom resources (415)', async () => {
    const failed = await call('PATCH', `/apis/apps/v1/namespaces/${NS}/deployments/api-a`, [{ op: 'test', path: '/metadata/resourceVersion', value: '1' }], 'application/json-patch+json');
    expect(failed).toMatchObject({ status: 422, body: { reason: 'Invalid', message: 'the server rejected our request due to an error in our request' } });
    const paused = await call('PATCH', `/apis/apps/v1/namespaces/${NS}/deployments/api-a`, [
      { op: 'test', path: '/metadata/name', value: 'api-a' },
      { op: 'replace', path: '/spec/paused', value: true },
    ], 'application/json-patch+json');
    expect(paused.body).toMatchObject({ spec: { paused: true } });
    const resumed = await call('PATCH', `/apis/apps/v1/namespaces/${NS}/deployments/api-a`, { spec: { paused: null } }, 'application/merge-patch+json');
    expect(resumed.body.spec.paused).toBeUndefined();
    const route = { apiVersion: 'gateway.networking.k8s.io/v1', kind: 'HTTPRoute', metadata: { name: 'r' }, spec: { rules: [{ backendRefs: [{ name: 'a', port: 80, weight: 1 }] }] } };
    expect((await call('POST', `/apis/gateway.networking.k8s.io/v1/namespaces/${NS}/httproutes`, route)).status).toBe(201);
    const smp = await call('PATCH', `/apis/gateway.networking.k8s.io/v1/namespaces/${NS}/httproutes/r`, { spec: {} }, 'application/strategic-merge-patch+json');
    expect(smp).toMatchObject({ status: 415, body: { reason: 'UnsupportedMediaType' } });
    const noRv = await call('PUT', `/apis/gateway.networking.k8s.io/v1/namespaces/${NS}/httproutes/r`, route);
    expect(noRv.body).toMatchObject({ code: 422, message: expect.stringContaining('metadata.resourceVersion: Invalid value: 0x0: must be specified for an update') });
  });

  it('deletes a Deployment with a Success Status and its replica sets and pods with it', async () => {
    await cluster.reconcile();
    const deleted = await call('DELETE', `/apis/apps/v1/namespaces/${NS}/deployments/api-a`);
    expect(deleted.body).toMatchObject({ kind: 'Status', status: 'Success', details: { name: 'api-a', group: 'apps', kind: 'deployments' } });
    const sets = await call('GET', `/apis/apps/v1/namespaces/${NS}/replicasets?labelSelector=app%3Dapi-a`);
    expect(sets.body.items).toEqual([]);
  });
});

describe('sandbox Kubernetes API server: lists, selectors and tables', () => {
  it('filters by equality and set-based label selectors and by metadata.name; unknown fields are 400', async () => {
    for (const [name, tier] of [['sel-a', 'web'], ['sel-b', 'api'], ['sel-c', 'db']] as const) {
      await call('POST', `/apis/apps/v1/namespaces/${NS}/deployments`, deployment(name, { app: name, tier }));
    }
    const names = async (query: string) => (await call('GET', `/apis/apps/v1/namespaces/${NS}/deployments?${query}`)).body.items.map((i: { metadata: { name: string } }) => i.metadata.name);
    expect(await names(`labelSelector=${encodeURIComponent('tier in (web,api)')}`)).toEqual(['sel-a', 'sel-b']);
    expect(await names(`labelSelector=${encodeURIComponent('tier!=web,tier')}`)).toEqual(['sel-b', 'sel-c']);
    expect(await names(`labelSelector=${encodeURIComponent('tier notin (db),!missing')}`)).toEqual(['sel-a', 'sel-b']);
    expect(await names(`fieldSelector=${encodeURIComponent('metadata.name=sel-c')}`)).toEqual(['sel-c']);
    const bad = await call('GET', `/apis/apps/v1/namespaces/${NS}/deployments?fieldSelector=spec.replicas%3D1`);
    expect(bad.body).toMatchObject({ code: 400, reason: 'BadRequest', message: 'field label not supported: spec.replicas' });
    const list = await call('GET', `/apis/apps/v1/namespaces/${NS}/deployments`);
    expect(list.body).toMatchObject({ kind: 'DeploymentList', apiVersion: 'apps/v1', metadata: { resourceVersion: expect.stringMatching(/^\d+$/) } });
    expect(list.body.items[0].kind).toBeUndefined();
  });

  it('answers a Table when kubectl asks for one', async () => {
    const res = await call('GET', `/apis/apps/v1/namespaces/${NS}/deployments?labelSelector=tier%3Dweb`, undefined, 'application/json', 'application/json;as=Table;v=v1;g=meta.k8s.io,application/json');
    expect(res.body).toMatchObject({ kind: 'Table', apiVersion: 'meta.k8s.io/v1' });
    expect(res.body.columnDefinitions.map((c: { name: string }) => c.name)).toEqual(['Name', 'Ready', 'Up-to-date', 'Available', 'Age', 'Containers', 'Images', 'Selector']);
    expect(res.body.rows[0].cells.slice(0, 1)).toEqual(['sel-a']);
    expect(res.body.rows[0].object).toMatchObject({ kind: 'PartialObjectMetadata', metadata: { name: 'sel-a' } });
  });
});

describe('sandbox Kubernetes API server: watch', () => {
  it('streams changes after a resourceVersion, with kind/apiVersion on each object', async () => {
    const rv = (await call('GET', `/apis/apps/v1/namespaces/${NS}/deployments`)).body.metadata.resourceVersion;
    const { events } = await watchEvents(
      `/apis/apps/v1/namespaces/${NS}/deployments?watch=true&resourceVersion=${rv}&fieldSelector=metadata.name%3Dwatch-a`,
      (e) => e.some((x) => x.type === 'DELETED'),
      async () => {
        await call('POST', `/apis/apps/v1/namespaces/${NS}/deployments`, deployment('watch-a'));
        await call('PATCH', `/apis/apps/v1/namespaces/${NS}/deployments/watch-a`, { spec: { replicas: 3 } }, 'application/merge-patch+json');
        await call('DELETE', `/apis/apps/v1/namespaces/${NS}/deployments/watch-a`);
      },
    );
    expect(events[0]).toMatchObject({ type: 'ADDED', object: { kind: 'Deployment', apiVersion: 'apps/v1', metadata: { name: 'watch-a' } } });
    expect(events.some((e) => e.type === 'MODIFIED' && (e.object.spec as { replicas: number }).replicas === 3)).toBe(true);
    expect(events.every((e) => (e.object.metadata as { name: string }).name === 'watch-a')).toBe(true);
  });

  it('reports an object leaving the label selector as DELETED and sends bookmarks when asked', async () => {
    await call('POST', `/apis/apps/v1/namespaces/${NS}/deployments`, deployment('watch-b', { app: 'watch-b', track: 'yes' }));
    const { events } = await watchEvents(
      `/apis/apps/v1/namespaces/${NS}/deployments?watch=1&labelSelector=track%3Dyes&allowWatchBookmarks=true`,
      (e) => e.some((x) => x.type === 'DELETED') && e.some((x) => x.type === 'BOOKMARK'),
      async () => {
        await new Promise((r) => setTimeout(r, 50));
        await call('PATCH', `/apis/apps/v1/namespaces/${NS}/deployments/watch-b`, { metadata: { labels: { track: 'no' } } }, 'application/merge-patch+json');
      },
    );
    expect(events[0]).toMatchObject({ type: 'ADDED', object: { metadata: { name: 'watch-b' } } });
    expect(events.find((e) => e.type === 'DELETED')).toMatchObject({ object: { metadata: { name: 'watch-b', labels: { track: 'yes' } } } });
    expect(events.find((e) => e.type === 'BOOKMARK')).toMatchObject({ object: { kind: 'Deployment', apiVersion: 'apps/v1', metadata: { resourceVersion: expect.stringMatching(/^\d+$/) } } });
  });

  it('answers a too-old resourceVersion with an ERROR 410 Expired event and closes the stream', async () => {
    for (let i = 0; i < 30; i++) await call('PATCH', `/apis/apps/v1/namespaces/${NS}/deployments/sel-a`, { spec: { replicas: (i % 3) + 1 } }, 'application/merge-patch+json');
    const { events, ended } = await watchEvents(`/apis/apps/v1/namespaces/${NS}/deployments?watch=true&resourceVersion=2`, () => false);
    expect(ended).toBe(true);
    expect(events).toEqual([
      { type: 'ERROR', object: { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: expect.stringMatching(/^too old resource version: 2 \(\d+\)$/), reason: 'Expired', code: 410 } },
    ]);
  });
});
