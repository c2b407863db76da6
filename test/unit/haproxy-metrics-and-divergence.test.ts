// The HAProxy log line parser and percentile window, the divergence check that notices lost runtime weights,
// the renderer's "percentiles unavailable" rule and the wrk summary parser.
import dgram from 'node:dgram';
import { afterEach, describe, expect, it } from 'vitest';
import { HaproxyLogReceiver, parseHttpLogLine, parseLogListen } from '../../adapters/haproxy/log-receiver';
import { HaproxyPlatform } from '../../adapters/haproxy/platform';
import { haproxyTargetSchema } from '../../adapters/haproxy/index';
import { percentilesMissing } from '../../renderer/domain/format';
import { parseWrk } from '../support/wrk';
import { FakeRuntimeApi } from './adapters-fake-runtime';

const LINE =
  '<134>Nov 23 15:10:01 haproxy[123]: 127.0.0.1:51234 [23/Nov/2026:15:10:01.123] fe_main be_app/app-v2-1 0/0/1/7/9 200 120 - - ---- 4/4/3/1/0 0/0 "GET /be_app/ HTTP/1.1"';

describe('HAProxy httplog lines', () => {
  it('reads backend, server, %Ta (else %Tr) and status', () => {
    expect(parseHttpLogLine(LINE)).toEqual({ backend: 'be_app', server: 'app-v2-1', ms: 9, status: 200 });
    expect(parseHttpLogLine(LINE.replace('0/0/1/7/9', '0/0/1/7/-1'))).toMatchObject({ ms: 7 });
    expect(parseHttpLogLine(LINE.replace('0/0/1/7/9', '0/0/-1/-1/-1'))).toBeNull();
    expect(parseHttpLogLine(LINE.replace('be_app/app-v2-1', 'be_app/<NOSRV>'))).toBeNull();
    expect(parseHttpLogLine('<134>Nov 23 15:10:01 haproxy[123]: Proxy fe_main started.')).toBeNull();
  });

  it('accepts only udp://HOST:PORT log targets', () => {
    expect(parseLogListen('udp://127.0.0.1:5514')).toEqual({ host: '127.0.0.1', port: 5514 });
    expect(() => parseLogListen('tcp://127.0.0.1:5514')).toThrow('log target tcp://127.0.0.1:5514 is not udp://HOST:PORT');
  });
});

describe('HaproxyLogReceiver', () => {
  let receiver: HaproxyLogReceiver | null = null;
  afterEach(async () => receiver?.close());

  it('computes nearest-rank p50/p95/p99 per server set over the window, and forgets old samples', async () => {
    let now = 1_000_000;
    const probe = dgram.createSocket('udp4');
    await new Promise<void>((r) => probe.bind(0, '127.0.0.1', () => r()));
    const port = probe.address().port;
    await new Promise<void>((r) => probe.close(() => r()));
    receiver = new HaproxyLogReceiver(`udp://127.0.0.1:${port}`, { windowMs: 10_000, now: () => now });
    await receiver.ready;
    expect(receiver.lastError).toBeNull();
    const sender = dgram.createSocket('udp4');
    const lines = Array.from({ length: 100 }, (_, i) => LINE.replace('0/0/1/7/9', `0/0/1/${i + 1}/${i + 1}`));
    for (let i = 0; i < lines.length; i += 20) {
      await new Promise<void>((r) => sender.send(lines.slice(i, i + 20).join('\n'), port, '127.0.0.1', () => r()));
    }
    sender.close();
    const deadline = Date.now() + 2000;
    while ((receiver.percentiles('be_app', ['app-v2-1'])?.count ?? 0) < 100 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
    expect(receiver.percentiles('be_app', ['app-v2-1'])).toEqual({ p50Ms: 50, p95Ms: 95, p99Ms: 99, count: 100 });
    expect(receiver.percentiles('be_app', ['app-v1-1'])).toBeNull();
    now += 10_001;
    expect(receiver.percentiles('be_app', ['app-v2-1'])).toBeNull();
  });
});

describe('HaproxyPlatform.divergence', () => {
  let fake: FakeRuntimeApi | null = null;
  afterEach(async () => fake?.close());

  it('is null when HAProxy realises the intent, and names the servers that differ when it does not', async () => {
    fake = await new FakeRuntimeApi().backend('be_web', [{ name: 'web-v1-1' }, { name: 'web-v2-1', uweight: 0 }]).listen();
    const platform = new HaproxyPlatform(
      haproxyTargetSchema.parse({
        id: 'lb',
        platform: 'haproxy',
        runtimeApi: fake.address,
        services: [{ id: 'web', backend: 'be_web', stable: 'v1', candidate: 'v2', versions: { v1: ['web-v1-1'], v2: ['web-v2-1'] } }],
      }),
    );
    const at = (p: number) => ({ stable: 'v1', candidate: 'v2', candidatePercent: p, method: 'weights' as const });
    expect(await platform.divergence('web', at(0))).toBeNull();
    expect(await platform.divergence('web', at(50))).toBe('HAProxy be_web: web-v2-1 weight 0 (step wants 100)');
    await platform.applyTraffic('web', at(50));
    expect(await platform.divergence('web', at(50))).toBeNull();
    expect(fake.commands.filter((c) => c.startsWith('set ')).length).toBe(1); // divergence itself changes nothing
  });
});

describe('percentiles in the fleet table', () => {
  it('says percentiles are unavailable when requests are measured but no percentile is', () => {
    expect(percentilesMissing({ requestRate: 120, p99Ms: null })?.text).toBe('n/a');
    expect(percentilesMissing({ requestRate: 120, p99Ms: null })?.title).toMatch(/percentiles unavailable — no log target/);
    expect(percentilesMissing({ requestRate: null, p99Ms: null })).toBeNull();
    expect(percentilesMissing({ requestRate: 0, p99Ms: null })).toBeNull(); // no traffic: simply no data yet
    expect(percentilesMissing({ requestRate: 120, p99Ms: 80 })).toBeNull();
  });
});

describe('wrk summary', () => {
  it('counts non-2xx answers and socket errors as failed', () => {
    const out =
      'Running 30s test\nSWITCHYARD_WRK {"requests":5000,"durationUs":2000000,"non2xx":3,"connect":1,"read":2,"write":0,"timeout":1,"status":3,"p50Us":800,"p99Us":4100,"maxUs":9000}\n';
    expect(parseWrk(out)).toMatchObject({ requests: 5000, non2xx: 3, socketErrors: 4, failed: 7, p50Ms: 0.8, p99Ms: 4.1, maxMs: 9, durationMs: 2000 });
    expect(() => parseWrk('garbage')).toThrow(/no SWITCHYARD_WRK summary/);
  });
});
