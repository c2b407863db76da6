// From an intent to the ordered runtime-API commands that realise it.
//
// weights (canary): stable and candidate servers ready, weights from canaryWeights over their healthy servers.
// switch (blue-green): the receiving version's servers ready (weight restored if 0), the other version's drained.
// rolling: with N stable and M candidate servers, k = round(p/100·N) stable servers drained (at most N−1 below 100 %)
//   and r = round(p/100·M) candidate servers ready (at least 1 above 0 %); failing stable servers are drained first
//   and healthy candidate servers readied first. Commands alternate ready/drain, one server at a time.
// Servers of other configured versions stop taking traffic (weight 0, or drained).
// Order: every change that adds capacity runs before any change that removes it, so a failure half-way never
// leaves the receiving version with less than it had.

import type { TrafficIntent } from '../../app/ports';
import type { ServiceServers } from './service-servers';
import type { ServerView } from './server-view';
import { canaryWeights } from './weights';

export interface ServerChange {
  server: string;
  command: string;
  /** Takes traffic away from a server: only run once the receiving side can serve. */
  lowers: boolean;
}

interface Desired {
  weight?: number;
  admin?: 'ready' | 'drain';
}

export function planTraffic(resolved: ServiceServers, intent: TrafficIntent): ServerChange[] {
  const desired = new Map<ServerView, Desired>();
  const stable = resolved.byVersion.get(intent.stable) ?? [];
  const candidate = resolved.byVersion.get(intent.candidate) ?? [];
  const p = intent.candidatePercent;
  const base = baseWeight(stable, candidate);
  if (intent.method === 'weights') planWeights(desired, stable, candidate, p, base);
  else if (intent.method === 'switch') planSwitch(desired, stable, candidate, p, base);
  else planRolling(desired, stable, candidate, p, base);

  for (const [version, servers] of resolved.byVersion) {
    if (version === intent.stable || version === intent.candidate) continue;
    for (const s of servers) {
      if (s.admin !== 'ready' || s.uweight === 0) continue;
      desired.set(s, intent.method === 'weights' ? { weight: 0 } : { admin: 'drain' });
    }
  }
  return order(resolved.service.backend, desired, intent.method === 'rolling');
}

/** The weight a version at full share runs with: the stable servers' current weight, else the candidate's, else 100. */
function baseWeight(stable: ServerView[], candidate: ServerView[]): number {
  const max = (servers: ServerView[]) => Math.max(0, ...servers.map((s) => s.uweight));
  return max(stable) || max(candidate) || 100;
}

function planWeights(desired: Map<ServerView, Desired>, stable: ServerView[], candidate: ServerView[], p: number, base: number): void {
  const healthyStable = stable.filter((s) => !s.failing);
  const healthyCandidate = candidate.filter((s) => !s.failing);
  const weights = canaryWeights(p, Math.max(1, healthyStable.length), Math.max(1, healthyCandidate.length), base);
  assign(desired, stable, healthyStable, weights.stable, p < 100);
  assign(desired, candidate, healthyCandidate, weights.candidate, p > 0);
}

/** Healthy servers get the computed weights; failing ones the version's highest, ready for when they recover. */
function assign(desired: Map<ServerView, Desired>, all: ServerView[], healthy: ServerView[], weights: number[], receives: boolean): void {
  const top = Math.max(0, ...weights);
  for (const server of all) {
    const i = healthy.indexOf(server);
    const weight = i >= 0 ? weights[i]! : top;
    desired.set(server, receives ? { weight, admin: 'ready' } : { weight });
  }
}

function planSwitch(desired: Map<ServerView, Desired>, stable: ServerView[], candidate: ServerView[], p: number, base: number): void {
  const [receiving, other] = p === 100 ? [candidate, stable] : [stable, candidate];
  for (const s of receiving) desired.set(s, { admin: 'ready', ...(s.uweight === 0 ? { weight: base } : {}) });
  for (const s of other) desired.set(s, out(s));
}

function planRolling(desired: Map<ServerView, Desired>, stable: ServerView[], candidate: ServerView[], p: number, base: number): void {
  const n = stable.length;
  const m = candidate.length;
  const drained = clamp(Math.round((p / 100) * n), 0, p < 100 ? n - 1 : n);
  const readied = clamp(Math.round((p / 100) * m), p > 0 ? 1 : 0, m);
  const drainOrder = [...stable.filter((s) => s.failing), ...stable.filter((s) => !s.failing)];
  const readyOrder = [...candidate.filter((s) => !s.failing), ...candidate.filter((s) => s.failing)];
  drainOrder.forEach((s, i) => desired.set(s, i < drained ? out(s) : ready(s, base)));
  readyOrder.forEach((s, i) => desired.set(s, i < readied ? ready(s, base) : out(s)));
}

/** Out of load balancing: a ready server is drained; one already drained or in maintenance stays as it is. */
function out(server: ServerView): Desired {
  return server.admin === 'ready' ? { admin: 'drain' } : {};
}

function ready(server: ServerView, base: number): Desired {
  return { admin: 'ready', ...(server.uweight === 0 ? { weight: base } : {}) };
}

function order(backend: string, desired: Map<ServerView, Desired>, serverByServer: boolean): ServerChange[] {
  const raises: ServerChange[][] = [];
  const lowers: ServerChange[][] = [];
  for (const [server, want] of desired) {
    const at = `${backend}/${server.name}`;
    const weight = want.weight !== undefined && want.weight !== server.uweight ? want.weight : undefined;
    const admin = want.admin !== undefined && want.admin !== server.admin ? want.admin : undefined;
    const cmd = (command: string, lowers: boolean) => [{ server: server.name, command: `set server ${at} ${command}`, lowers }];
    if (weight === undefined && admin === undefined) continue;
    const raisesWeight = server.admin !== 'ready' || (weight ?? 0) > server.uweight;
    const weightCmd = weight === undefined ? [] : cmd(`weight ${weight}`, !raisesWeight);
    if (admin === 'ready') raises.push([...weightCmd, ...cmd('state ready', false)]); // weight first: it joins at its new weight
    else if (admin === 'drain') lowers.push([...cmd('state drain', true), ...weightCmd]);
    else if (raisesWeight) raises.push(weightCmd);
    else lowers.push(weightCmd);
  }
  if (!serverByServer) return [...raises, ...lowers].flat();
  const steps: ServerChange[][] = [];
  for (let i = 0; i < Math.max(raises.length, lowers.length); i++) {
    if (raises[i]) steps.push(raises[i]!);
    if (lowers[i]) steps.push(lowers[i]!);
  }
  return steps.flat();
}

function clamp(n: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, n));
}
