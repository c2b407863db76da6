// Which targets a service is released on: the same id on several targets is one release group, in workspace order;
// the same id twice on one target, or a platform that runs its own releases in a group, is refused with the reason.

import { afterEach, describe, expect, it } from 'vitest';
import { workspaceConfigSchema } from '../../adapters/registry';
import { createAdapters, describeService, metricsKey, type AdapterRegistry } from '../../main/host/adapters';

const lb = (id: string, services: unknown[]) => ({ id, platform: 'haproxy', runtimeApi: 'tcp://127.0.0.1:1', services });
const web = (extra: object = {}) => ({ id: 'web', backend: 'web', stable: 'a', versions: { a: ['a1'] }, ...extra });
const ecs = { id: 'shop', platform: 'ecs', region: 'us-east-1', cluster: 'shop', endpoint: 'http://127.0.0.1:1', services: [{ id: 'web', service: 'web', stable: 'a' }] };

const opened: AdapterRegistry[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((a) => a.close()));
});

async function adapters(targets: unknown[]): Promise<AdapterRegistry> {
  const registry = await createAdapters(workspaceConfigSchema.parse({ name: 'w', targets }));
  opened.push(registry);
  return registry;
}

describe('release group members', () => {
  it('lists the targets that carry the same service id, in workspace order', async () => {
    const a = await adapters([lb('eu', [web({ metricsId: 'web-eu' })]), lb('solo', [{ ...web(), id: 'api' }]), lb('us', [web({ metricsId: 'web-us' })])]);
    expect(a.members('web').map((m) => m.target.id)).toEqual(['eu', 'us']);
    expect(a.members('api').map((m) => m.target.id)).toEqual(['solo']);
    expect(a.service('web')?.target.id).toBe('eu');
    expect(a.members('web').map(metricsKey)).toEqual(['web-eu', 'web-us']);
  });

  it('mirrors only if every member can', async () => {
    const mesh = { id: 'mesh', platform: 'kubernetes', connect: 'open', services: [{ id: 'web', stable: 'a', virtualService: 'web', deployments: { a: 'web-a' }, backends: { a: 'va' } }] };
    const a = await adapters([mesh, lb('eu', [web()])]);
    const [first] = a.members('web');
    expect(describeService(first!, null)).toMatchObject({ canMirror: true });
    expect(describeService(first!, null, a.members('web'))).toEqual(expect.objectContaining({ canMirror: false, cannotMirror: 'eu: HAProxy cannot mirror traffic' }));
  });

  it('refuses the same id twice on one target', async () => {
    await expect(adapters([lb('eu', [web(), web()])])).rejects.toThrow('service id "web" is used twice on target eu; service ids must be unique within a target');
  });

  it('refuses a platform that runs its own releases as a member of a group', async () => {
    await expect(adapters([lb('eu', [web()]), ecs])).rejects.toThrow(/service "web" is on several targets \(a release group\), but target shop runs its releases itself/);
  });
});
