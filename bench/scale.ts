// npm run bench:scale: a generated 250-service × 40-server HAProxy world with 20 releases running, the host on it in
// browser mode, the page driven in Chromium; writes bench/results/scale.json. Then `switchyard status` start-to-output
// time and the host's RSS on the default world. `--profile` also writes CPU profiles of the host and the world
// (node --cpu-prof) and a Chrome trace of the live window to bench/results/profiles/.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { chromium, type Browser, type Page } from 'playwright-core';
import { clickToRelease, fullFleetMs, installProbes, profileRenderer, recordFrames, rendererHeapMb, renderedServiceIds } from './scale/page';
import { hostNodeFlags, median, percentile, ProcessMeter, rssMb, startNode, type Child } from './scale/process';
import { SCALE_DEFAULTS } from './scale/scenario';

const ROOT = resolve(__dirname, '../..');
const OUT = join(ROOT, 'out');
const RESULTS = join(ROOT, 'bench/results');
const PROFILES = join(RESULTS, 'profiles');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

const TARGETS = {
  fullFleetMs: 1500,
  frameP95Ms: 16.7,
  longTaskMaxMs: 100,
  rendererHeapMb: 150,
  hostRssMb: 250,
  defaultHostRssMb: 150,
  hostCpuPercent: 15,
  sandboxCpuPercent: 50,
  statusMs: 300,
};

const { values } = parseArgs({
  options: {
    profile: { type: 'boolean', default: false },
    screenshot: { type: 'string' },
    seconds: { type: 'string', default: '30' },
    'skip-status': { type: 'boolean', default: false },
    services: { type: 'string', default: String(SCALE_DEFAULTS.services) },
    label: { type: 'string' },
    out: { type: 'string', default: join(RESULTS, 'scale.json') },
  },
});
const profile = values.profile === true;
const windowMs = Number(values.seconds) * 1000;
const services = Number(values.services);

function cpuProf(name: string): string[] {
  return profile ? ['--cpu-prof', `--cpu-prof-dir=${PROFILES}`, `--cpu-prof-name=${name}-${Date.now()}.cpuprofile`] : [];
}

async function startWorld(dir: string, extra: string[], name: string): Promise<{ world: Child; workspace: string }> {
  const world = startNode(join(OUT, 'bench/scale-world.cjs'), ['--dir', dir, ...extra], {}, cpuProf(name));
  const m = await world.waitFor(/workspace: (\S+)/);
  return { world, workspace: m[1]! };
}

/** The host as `npm start` runs it: the same Node flags. */
function startHost(workspace: string, dataDir: string, name: string): Child {
  const flags = hostNodeFlags(join(ROOT, 'package.json'));
  return startNode(join(OUT, 'main/launcher.cjs'), ['--web', '--workspace', workspace], { SWITCHYARD_DATA_DIR: dataDir, SWITCHYARD_OPERATOR: 'bench' }, [...flags, ...cpuProf(name)]);
}

async function openPage(browser: Browser, url: string): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
  await installProbes(page);
  await page.goto(url);
  return page;
}

async function scaleRun(browser: Browser, tmp: string) {
  const { world, workspace } = await startWorld(join(tmp, 'scale-world'), ['--services', String(services)], 'world');
  const host = startHost(workspace, join(tmp, 'data'), 'host');
  try {
    const hostStarted = Date.now();
    const url = (await host.waitFor(/(http:\/\/127\.0\.0\.1:\d+\/\?token=[A-Za-z0-9_-]+)/))[1]!;
    const hostReadyMs = Date.now() - hostStarted;
    const page = await openPage(browser, url);
    const fullFleet = await fullFleetMs(page, services);
    // The releases start half a second of world time in; give the page a moment to settle after load.
    await page.waitForTimeout(5000);
    if (values.screenshot) await page.screenshot({ path: values.screenshot });
    const ids = await renderedServiceIds(page);
    const first = ids[0];
    if (first !== undefined) await clickToRelease(page, first);
    await page.waitForTimeout(1000);

    const hostMeter = new ProcessMeter(host.pid);
    const worldMeter = new ProcessMeter(world.pid);
    const load = loadavg()[0];
    if (profile) await browser.startTracing(page, { path: join(PROFILES, `renderer-${Date.now()}.json`), categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8.execute'] });
    const stopProfile = profile ? await profileRenderer(page, join(PROFILES, `renderer-${Date.now()}.cpuprofile`)) : null;
    const { frames, longTasks } = await recordFrames(page, windowMs);
    await stopProfile?.();
    if (profile) await browser.stopTracing();
    const hostUse = hostMeter.finish();
    const worldUse = worldMeter.finish();

    const heap = await rendererHeapMb(page);
    const clicks: number[] = [];
    for (const id of (await renderedServiceIds(page)).slice(4, 9)) clicks.push(await clickToRelease(page, id));
    await page.close();

    const sorted = [...frames].sort((a, b) => a - b);
    return {
      hostReadyMs,
      fullFleetMs: fullFleet,
      frames: { count: frames.length, p50Ms: percentile(sorted, 50), p95Ms: percentile(sorted, 95), p99Ms: percentile(sorted, 99), maxMs: percentile(sorted, 100) },
      longTasks: {
        count: longTasks.length,
        over100Ms: longTasks.filter((t) => t.duration > 100).length,
        maxMs: Math.round(Math.max(0, ...longTasks.map((t) => t.duration))),
        totalMs: Math.round(longTasks.reduce((n, t) => n + t.duration, 0)),
      },
      rendererHeapMb: heap.usedMb,
      rendererHeapTotalMb: heap.totalMb,
      host: hostUse,
      sandbox: worldUse,
      clickToReleaseMs: { median: median(clicks), samples: clicks.map((c) => Math.round(c * 10) / 10) },
      loadAverageDuringWindow: load,
    };
  } finally {
    await host.stop();
    await world.stop();
  }
}

/**
 * `switchyard status` on the default world (`environments`, what `npm start` plays: HAProxy staging, Kubernetes and
 * ECS production): from process start to its first output, five times after a first run.
 */
async function statusRun(browser: Browser, tmp: string) {
  const { world, workspace } = await startWorld(join(tmp, 'default-world'), ['--scenario', 'environments'], 'default-world');
  try {
    const samples: number[] = [];
    for (let i = 0; i < 6; i++) {
      const started = process.hrtime.bigint();
      // As a user runs it: bin/switchyard.cjs (npx switchyard); the first run fills the compile cache.
      const cli = startNode(join(ROOT, 'bin/switchyard.cjs'), ['status', '--workspace', workspace], { SWITCHYARD_DATA_DIR: join(tmp, 'status-data') }, i === 0 ? cpuProf('status') : []);
      await cli.waitFor(/\S/, 30_000);
      if (i > 0) samples.push(Number(process.hrtime.bigint() - started) / 1e6);
      await new Promise((r) => cli.process.once('exit', r));
    }
    // The host on the default world, with a page open, after 20 s.
    const host = startHost(workspace, join(tmp, 'default-data'), 'default-host');
    let defaultHostRssMb = NaN;
    try {
      const url = (await host.waitFor(/(http:\/\/127\.0\.0\.1:\d+\/\?token=[A-Za-z0-9_-]+)/))[1]!;
      const page = await openPage(browser, url);
      await page.waitForTimeout(20_000);
      defaultHostRssMb = rssMb(host.pid);
      await page.close();
    } finally {
      await host.stop();
    }
    return { statusMs: { median: median(samples), samples: samples.map((s) => Math.round(s)) }, defaultHostRssMb };
  } finally {
    await world.stop();
  }
}

async function main(): Promise<void> {
  mkdirSync(RESULTS, { recursive: true });
  if (profile) mkdirSync(PROFILES, { recursive: true });
  const tmp = mkdtempSync(join(tmpdir(), 'switchyard-scale-'));
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
  const loadBefore = loadavg();
  try {
    console.log(`scale world: ${services} services × ${SCALE_DEFAULTS.serversPerService} servers, ${SCALE_DEFAULTS.running} releases running; ${windowMs / 1000} s live window`);
    const scale = await scaleRun(browser, tmp);
    console.log(JSON.stringify(scale, null, 2));
    const status = values['skip-status'] ? { statusMs: { median: NaN, samples: [] as number[] }, defaultHostRssMb: NaN } : await statusRun(browser, tmp);
    console.log(JSON.stringify(status, null, 2));
    const met = {
      fullFleet: scale.fullFleetMs <= TARGETS.fullFleetMs,
      frameP95: scale.frames.p95Ms <= TARGETS.frameP95Ms,
      noLongTaskOver100Ms: scale.longTasks.over100Ms === 0,
      rendererHeap: scale.rendererHeapMb <= TARGETS.rendererHeapMb,
      hostRss: scale.host.rssMaxMb <= TARGETS.hostRssMb,
      defaultHostRss: status.defaultHostRssMb <= TARGETS.defaultHostRssMb,
      hostCpu: scale.host.cpuPercent <= TARGETS.hostCpuPercent,
      sandboxCpu: scale.sandbox.cpuPercent <= TARGETS.sandboxCpuPercent,
      status: status.statusMs.median <= TARGETS.statusMs,
    };
    const result = {
      label: values.label ?? null,
      measuredAt: new Date().toISOString(),
      machine: { cpus: cpus().length, model: cpus()[0]?.model ?? '', loadAverageBefore: loadBefore, loadAverageAfter: loadavg() },
      hostNodeFlags: hostNodeFlags(join(ROOT, 'package.json')),
      world: { services, serversPerService: SCALE_DEFAULTS.serversPerService, instances: services * SCALE_DEFAULTS.serversPerService, releasesRunning: SCALE_DEFAULTS.running },
      ...scale,
      ...status,
      targets: TARGETS,
      met,
    };
    writeFileSync(values.out!, `${JSON.stringify(result, null, 2)}\n`);
    console.log(`wrote ${values.out}; targets met: ${Object.entries(met).filter(([, ok]) => ok).length} of ${Object.keys(met).length}`);
  } finally {
    await browser.close();
    rmSync(tmp, { recursive: true, force: true });
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(`bench:scale: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
