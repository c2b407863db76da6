// Bad requests against real HAProxy (over the TCP runtime socket): out-of-range shares, unknown backends and servers
// are refused with clear errors before any command is sent, so nothing is half-applied; HAProxy's own refusals
// come back verbatim.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HaproxyPlatform } from '../../adapters/haproxy/platform';
import { RuntimeApiClient, RuntimeCommandError } from '../../adapters/haproxy/runtime-client';
import { haproxyTargetSchema } from '../../adapters/haproxy/index';
import type { TrafficIntent } from '../../app/ports';
import { haproxyAvailable, startRealHaproxy, type RealHaproxy } from '../support/real-haproxy';

const intent = (p: number): TrafficIntent => ({ stable: 'v1', candidate: 'v2', candidatePercent: p, method: 'weights' });

describe.skipIf(!haproxyAvailable())('clear errors and nothing half-applied, on real HAProxy', () => {
  let haproxy: RealHaproxy;
  /** server id, name, address, op state, admin state and user weight of every server, from `show servers state`. */
  const weights = async () => {
    const client = new RuntimeApiClient({ address: haproxy.runtimeApiTcp, targetId: 'lb' });
    const answer = await client.send('show servers state be_web');
    return answer.split('\n').filter((l) => /^\d+ be_web /.test(l)).map((l) => l.split(' ').slice(3, 8).join(' ')).join(' | ');
  };
  const platformWith = (services: unknown[]) =>
    new HaproxyPlatform(haproxyTargetSchema.parse({ id: 'lb-errors', platform: 'haproxy', runtimeApi: haproxy.runtimeApiTcp, services }));
  const web = { id: 'web', backend: 'be_web', stable: 'v1', candidate: 'v2', versions: { v1: ['web-v1-1', 'web-v1-2'], v2: ['web-v2-1'] } };

  beforeAll(async () => {
    haproxy = await startRealHaproxy([
      {
        name: 'be_web',
        servers: [
          { name: 'web-v1-1', version: 'v1', weight: 100 },
          { name: 'web-v1-2', version: 'v1', weight: 100 },
          { name: 'web-v2-1', version: 'v2', weight: 0 },
        ],
      },
    ]);
  });
  afterAll(async () => {
    await haproxy?.stop();
  });

  it('refuses a share outside 0..100 and changes nothing', async () => {
    const platform = platformWith([web]);
    const before = await weights();
    for (const p of [150, -5, Number.NaN]) {
      await expect(platform.applyTraffic('web', intent(p))).rejects.toThrow(/web: candidate share (150|-5|NaN)% is outside 0\.\.100/);
    }
    expect(await weights()).toBe(before);
  });

  it('refuses an unknown server, naming it, before touching the servers that do exist', async () => {
    const platform = platformWith([{ ...web, versions: { v1: ['web-v1-1', 'web-v1-2'], v2: ['web-v2-1', 'web-v2-9'] } }]);
    const before = await weights();
    await expect(platform.discover()).rejects.toThrow('HAProxy target lb-errors does not match the workspace: service web: backend be_web has no server web-v2-9 (listed for version v2)');
    await expect(platform.applyTraffic('web', intent(25))).rejects.toThrow('web: backend be_web has no server web-v2-9 (v2); refusing to change traffic');
    expect(await weights()).toBe(before);
  });

  it('refuses an unknown backend, listing the ones HAProxy has', async () => {
    const platform = platformWith([{ ...web, backend: 'be_nope' }]);
    await expect(platform.discover()).rejects.toThrow(/service web: backend be_nope does not exist \(backends: .*be_web/);
    await expect(platform.applyTraffic('web', intent(25))).rejects.toThrow('web: backend be_nope does not exist');
    await expect(platform.observe('web')).rejects.toThrow('HAProxy target lb-errors has no backend be_nope (service web)');
  });

  it("passes HAProxy's own refusals on verbatim, naming the target and the command", async () => {
    const client = new RuntimeApiClient({ address: haproxy.runtimeApiTcp, targetId: 'lb-errors' });
    const refusal = (command: string) => client.run(command).then(() => null, (e: unknown) => e);
    const noServer = await refusal('set server be_web/web-v9-1 weight 10');
    expect(noServer).toBeInstanceOf(RuntimeCommandError);
    expect((noServer as Error).message).toBe(
      `HAProxy runtime API at ${haproxy.runtimeApiTcp} (target lb-errors) rejected "set server be_web/web-v9-1 weight 10": No such server.`,
    );
    const tooHeavy = (await refusal('set server be_web/web-v2-1 weight 300')) as Error;
    expect(tooHeavy.message).toMatch(/rejected "set server be_web\/web-v2-1 weight 300": .*between 0 and 256/);
    expect((await refusal('set server be_nope/web-v2-1 weight 10')) as Error).toBeInstanceOf(RuntimeCommandError);
  });
});
