// One module per platform: the registry assembles the workspace schema from them, and a platform has exactly the
// capabilities its module declares (mirror, leases, native steps) — no more, and never fewer.

import { afterEach, describe, expect, it } from 'vitest';
import { createPlatform, mirrorSupport, platformModules, withCapabilities, workspaceConfigSchema, type TargetPlatform } from '../../adapters/registry';
import { haproxyModule } from '../../adapters/haproxy/index';

const haproxy = { id: 'lb', platform: 'haproxy', runtimeApi: 'tcp://127.0.0.1:1', services: [{ id: 'web', backend: 'web', stable: 'a', versions: { a: ['a1'] } }] };
const ecs = { id: 'shop', platform: 'ecs', region: 'us-east-1', cluster: 'shop', endpoint: 'http://127.0.0.1:1', services: [{ id: 'orders', service: 'orders', stable: 'v1' }] };
// `connect: open`: nothing is contacted until the operator opens the context.
const kubernetes = { id: 'k8s', platform: 'kubernetes', connect: 'open', services: [{ id: 'api', stable: 'v1', httpRoute: 'api', deployments: { v1: 'api-v1' } }] };

const opened: TargetPlatform[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((p) => p.close()));
});

async function platformOf(target: unknown): Promise<TargetPlatform> {
  const workspace = workspaceConfigSchema.parse({ name: 'probe', targets: [target] });
  const platform = await createPlatform(workspace.targets[0]!);
  opened.push(platform);
  return platform;
}

const parts = (p: TargetPlatform) => ({ mirror: Boolean(p.mirror), leases: Boolean(p.leases), nativeSteps: Boolean(p.platformRelease) });

describe('platform registry', () => {
  it('lists one module per platform, and the workspace schema validates each one’s targets', () => {
    expect(platformModules.map((m) => m.platform)).toEqual(['haproxy', 'ecs', 'kubernetes']);
    expect(workspaceConfigSchema.parse({ name: 'w', targets: [haproxy, ecs, kubernetes] }).targets.map((t) => t.platform)).toEqual(['haproxy', 'ecs', 'kubernetes']);
    expect(workspaceConfigSchema.safeParse({ name: 'w', targets: [{ ...haproxy, runtimeApi: 'http://x' }] }).success).toBe(false);
    expect(workspaceConfigSchema.safeParse({ name: 'w', targets: [{ ...haproxy, platform: 'nomad' }] }).success).toBe(false);
  });

  it('gives each platform exactly the capabilities its module declares', async () => {
    expect(parts(await platformOf(haproxy))).toEqual({ mirror: false, leases: false, nativeSteps: false });
    expect(parts(await platformOf(ecs))).toEqual({ mirror: false, leases: false, nativeSteps: true });
    expect(parts(await platformOf(kubernetes))).toEqual({ mirror: true, leases: true, nativeSteps: false });
    expect(Boolean((await platformOf(haproxy)).divergence)).toBe(true);
    expect(Boolean((await platformOf(kubernetes)).open)).toBe(true);
    expect(Boolean((await platformOf(ecs)).open)).toBe(false);
  });

  it('says per service whether its traffic can be mirrored, from the module', () => {
    const [h, e, k] = workspaceConfigSchema.parse({ name: 'w', targets: [haproxy, ecs, kubernetes] }).targets;
    expect(mirrorSupport(h!, h!.services[0]!)).toEqual({ canMirror: false, cannotMirror: 'HAProxy cannot mirror traffic' });
    expect(mirrorSupport(e!, e!.services[0]!)).toEqual({ canMirror: false, cannotMirror: 'ECS cannot mirror traffic' });
    expect(mirrorSupport(k!, k!.services[0]!)).toEqual({ canMirror: true });
  });

  it('refuses a module that declares a capability its platform does not implement, and hides what it does not declare', async () => {
    const platform = await platformOf(haproxy);
    expect(() => withCapabilities({ ...haproxyModule, capabilities: { mirror: () => null, leases: false, nativeSteps: false } } as never, platform)).toThrow(
      'adapters/haproxy: the module declares mirror but its platform does not implement it',
    );
    const kube = await platformOf(kubernetes);
    const undeclared = withCapabilities({ ...haproxyModule, platform: 'kubernetes', capabilities: { mirror: false, leases: false, nativeSteps: false } } as never, kube);
    expect(parts(undeclared)).toEqual({ mirror: false, leases: false, nativeSteps: false });
  });
});
