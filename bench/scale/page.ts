// What the scale bench measures inside the page: frames and long tasks (an init script), the full fleet, a click to
// a release view, and the renderer's heap (Chrome DevTools Protocol).

import type { Page } from 'playwright-core';

interface BenchWindow {
  __bench: { frames: number[]; longTasks: { start: number; duration: number }[]; recording: boolean };
}

/** Installed before the page loads: a rAF loop records frame intervals while `recording`; long tasks always. */
export async function installProbes(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const bench = { frames: [] as number[], longTasks: [] as { start: number; duration: number }[], recording: false };
    (window as unknown as BenchWindow).__bench = bench;
    let last = 0;
    const frame = (t: number) => {
      if (bench.recording && last > 0) bench.frames.push(t - last);
      last = t;
      requestAnimationFrame(frame);
    };
    requestAnimationFrame(frame);
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) bench.longTasks.push({ start: e.startTime, duration: e.duration });
    }).observe({ type: 'longtask', buffered: true });
  });
}

/** Milliseconds from navigation start until the fleet holds `total` services (the fleet's count, or its rows). */
export async function fullFleetMs(page: Page, total: number): Promise<number> {
  const handle = await page.waitForFunction(
    (n) => {
      const counted = document.querySelector('[data-fleet-total]');
      const shown = counted ? Number(counted.getAttribute('data-fleet-total')) : document.querySelectorAll('tr.service-row').length;
      return shown >= n ? performance.now() : false;
    },
    total,
    { polling: 'raf', timeout: 120_000 },
  );
  return Math.round((await handle.jsonValue()) as number);
}

export async function recordFrames(page: Page, ms: number): Promise<{ frames: number[]; longTasks: { start: number; duration: number }[] }> {
  const from = await page.evaluate(() => {
    const b = (window as unknown as BenchWindow).__bench;
    b.frames = [];
    b.recording = true;
    return performance.now();
  });
  await page.waitForTimeout(ms);
  return page.evaluate((since) => {
    const b = (window as unknown as BenchWindow).__bench;
    b.recording = false;
    return { frames: b.frames, longTasks: b.longTasks.filter((t) => t.start >= since) };
  }, from);
}

/** Clicks the fleet row of `serviceId` and times until its release view's heading names it and a frame was drawn. */
export function clickToRelease(page: Page, serviceId: string): Promise<number> {
  return page.evaluate(async (id) => {
    const row = document.querySelector<HTMLElement>(`[data-service-id="${id}"]`);
    if (row === null) throw new Error(`no row for ${id}`);
    const name = (row.querySelector('.service-name')?.textContent ?? '').trim();
    const t0 = performance.now();
    row.click();
    await new Promise<void>((done) => {
      const check = () => {
        const heading = document.getElementById('release-heading');
        if (heading !== null && (heading.textContent ?? '').startsWith(name)) requestAnimationFrame(() => done());
        else requestAnimationFrame(check);
      };
      check();
    });
    return performance.now() - t0;
  }, serviceId);
}

/** Service ids of the rows in the DOM, in order. */
export function renderedServiceIds(page: Page): Promise<string[]> {
  return page.evaluate(() => [...document.querySelectorAll('[data-service-id]')].map((e) => e.getAttribute('data-service-id') ?? ''));
}

/** JS heap in MB after a garbage collection, as Chrome reports it. */
export async function rendererHeapMb(page: Page): Promise<{ usedMb: number; totalMb: number }> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('Performance.enable');
  const { metrics } = await cdp.send('Performance.getMetrics');
  const get = (name: string) => metrics.find((m) => m.name === name)?.value ?? 0;
  await cdp.detach();
  const mb = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10;
  return { usedMb: mb(get('JSHeapUsedSize')), totalMb: mb(get('JSHeapTotalSize')) };
}

/** Starts V8's sampling profiler in the page; the returned function stops it and writes a .cpuprofile. */
export async function profileRenderer(page: Page, path: string): Promise<() => Promise<void>> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 500 });
  await cdp.send('Profiler.start');
  return async () => {
    const { profile } = await cdp.send('Profiler.stop');
    const { writeFileSync } = await import('node:fs');
    writeFileSync(path, JSON.stringify(profile));
    await cdp.detach();
  };
}
