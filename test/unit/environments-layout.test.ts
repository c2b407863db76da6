import { describe, expect, it } from 'vitest';
import { parseWorkspaceText } from '../../main/host/workspace-file';
import { createAdapters } from '../../main/host/adapters';
import { environmentLayout } from '../../app/environments/layout';
import { parseReleaseKey, releaseKey } from '../../app/environments/key';

const target = (id: string, services: string[]) => `
  - id: ${id}
    platform: haproxy
    runtimeApi: tcp://127.0.0.1:9999
    services:
${services.map((s) => `      - { id: ${s}, backend: be_${s}, stable: v1, candidate: v2, versions: { v1: [${s}-1], v2: [${s}-2] } }`).join('\n')}`;

const workspace = (environments: string, targets: string) => `name: shop\ntargets:${targets}\n${environments}`;

const staged = workspace(
  `environments:
  - { name: staging, targets: [edge-staging] }
  - { name: production, targets: [edge-prod], soak: 30m, window: { timeZone: Europe/Berlin, days: [mon, tue], from: "09:00", to: "17:00" } }`,
  target('edge-staging', ['checkout']) + target('edge-prod', ['checkout', 'search']),
);

describe('environments in the workspace', () => {
  it('keys a service in an environment as service@environment, and keeps the plain id without environments', () => {
    expect(releaseKey('checkout', 'production')).toBe('checkout@production');
    expect(releaseKey('checkout', null)).toBe('checkout');
    expect(parseReleaseKey('checkout@production')).toEqual({ serviceId: 'checkout', environment: 'production' });
    expect(parseReleaseKey('checkout')).toEqual({ serviceId: 'checkout', environment: null });
  });

  it('lets the same service id run in two environments, one release key each', async () => {
    const ws = parseWorkspaceText(staged, 'ws.yaml');
    const adapters = await createAdapters(ws);
    try {
      expect(adapters.services.map((s) => s.key)).toEqual(['checkout@staging', 'checkout@production', 'search@production']);
      expect(adapters.service('checkout@production')?.target.id).toBe('edge-prod');
      expect(adapters.service('checkout')).toBeNull();
    } finally {
      void adapters.close();
    }
    const layout = environmentLayout(ws);
    expect(layout.find('production')).toMatchObject({ soakMs: 30 * 60_000, window: { timeZone: 'Europe/Berlin', from: '09:00' } });
    expect(layout.previous('production')?.name).toBe('staging');
    expect(layout.next('staging')?.name).toBe('production');
    expect(layout.previous('staging')).toBeNull();
  });

  it('keeps a workspace without environments working with plain ids; the same id on two targets is one release group', async () => {
    const plain = parseWorkspaceText(workspace('', target('edge', ['checkout', 'search'])), 'ws.yaml');
    const adapters = await createAdapters(plain);
    expect(adapters.services.map((s) => [s.key, s.environment])).toEqual([['checkout', null], ['search', null]]);
    void adapters.close();
    const twice = await createAdapters(parseWorkspaceText(workspace('', target('a', ['checkout']) + target('b', ['checkout'])), 'ws.yaml'));
    expect(twice.members('checkout').map((m) => m.target.id)).toEqual(['a', 'b']);
    void twice.close();
  });

  it('names unknown targets and targets in no environment or in two; the same id twice in one environment is a group', async () => {
    const targets = target('a', ['checkout']) + target('b', ['checkout']) + target('c', ['search']);
    const text = workspace(`environments:\n  - { name: staging, targets: [a, b, nope] }\n  - { name: production, targets: [b] }`, targets);
    let message = '';
    try {
      parseWorkspaceText(text, 'ws.yaml');
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message.split('\n')).toEqual([
      'ws.yaml: environments: environment "staging" names unknown target "nope"',
      'ws.yaml: environments: target "b" is in both "staging" and "production"; a target belongs to one environment',
      'ws.yaml: environments: target "c" is in no environment; list it under one of staging, production',
    ]);
    const twice = workspace(`environments:\n  - { name: staging, targets: [a, b] }\n  - { name: production, targets: [c] }`, target('a', ['checkout']) + target('b', ['checkout']) + target('c', ['checkout']));
    const group = await createAdapters(parseWorkspaceText(twice, 'ws.yaml'));
    expect(group.members('checkout@staging').map((m) => m.target.id)).toEqual(['a', 'b']);
    expect(group.members('checkout@production').map((m) => m.target.id)).toEqual(['c']);
    void group.close();
    expect(() => parseWorkspaceText(workspace(`environments:\n  - { name: s, targets: [a], soak: soon }`, target('a', ['x'])), 'ws.yaml')).toThrow(
      'environments.0.soak: "soon" is not a duration',
    );
  });
});
