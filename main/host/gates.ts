// The host's safety gates: checklist ticks, the error-budget ledger per service, and the start gate.

import type { ActionResult, ChecklistRequest } from '../../app/api';
import { budgetView, emptyLedger, recordSample, serviceErrorRate, type BudgetLedger } from '../../app/gates/budget';
import { ChecklistError, checklistView, liveRecord, tickItem, uncheckedItems, untickItem, type ChecklistRecord } from '../../app/gates/checklist';
import type { BudgetView, ChecklistItem, GatesView } from '../../app/gates/schemas';
import { startBlockers } from '../../app/gates/start-gate';
import { isTerminal, type VersionMetrics } from '../../app/model';
import type { Clock, Journal } from '../../app/ports';
import type { JournalEvent, Release } from '../../app/release';
import type { ServiceConfigBase as ServiceConfig } from '../../app/workspace';
import type { GatesStore } from '../store/gates-store';

/** The driver writes its ledger at most this often (wall ms), and whenever a minute closes. */
const LEDGER_SAVE_EVERY_MS = 10_000;

export interface GateDeps {
  items: readonly ChecklistItem[] | null;
  store: GatesStore;
  clock: Clock;
  journal: Journal;
  config(serviceId: string): ServiceConfig | null;
  onError(error: unknown): void;
  /** A checklist item the service's own state decides (the migrations item, from its schema), or null: ticked by hand. */
  derivedTick?(serviceId: string, stable: string): { item: string; ok: boolean; why: string } | null;
}

export interface StartCheck {
  /** What a start needs an override for now; empty: nothing. */
  blockers: string[];
  /** Present when a checklist exists: bound to the release once it started. */
  checklist: ChecklistRecord | null;
}

export class GateKeeper {
  private readonly ledgers = new Map<string, BudgetLedger>();
  private readonly savedAt = new Map<string, { wall: number; measured: number }>();

  constructor(private readonly deps: GateDeps) {}

  /** Feeds the service's budget with one poll's metrics; only the process that drives the service calls it. */
  async observe(serviceId: string, metrics: readonly VersionMetrics[]): Promise<void> {
    const slo = this.deps.config(serviceId)?.slo;
    if (!slo) return;
    const now = this.deps.clock.now();
    let ledger = this.ledgers.get(serviceId) ?? (await this.freshLedger(serviceId, now));
    ledger = recordSample(ledger, slo, now, serviceErrorRate(metrics));
    this.ledgers.set(serviceId, ledger);
    const saved = this.savedAt.get(serviceId);
    const wall = this.deps.clock.wallNow();
    if (!saved || saved.measured !== ledger.measuredMinutes || wall - saved.wall >= LEDGER_SAVE_EVERY_MS) {
      this.savedAt.set(serviceId, { wall, measured: ledger.measuredMinutes });
      await this.deps.store.saveLedger(ledger);
    }
  }

  async budget(serviceId: string): Promise<BudgetView | null> {
    const slo = this.deps.config(serviceId)?.slo;
    if (!slo) return null;
    const now = this.deps.clock.now();
    const ledger = this.ledgers.get(serviceId) ?? (await this.freshLedger(serviceId, now));
    return budgetView(ledger, slo, now);
  }

  async view(serviceId: string, candidate: string | null, release: Release | null): Promise<GatesView> {
    const config = this.deps.config(serviceId);
    const optional = config?.optional ?? true;
    const budget = await this.budget(serviceId);
    const items = this.deps.items;
    if (!items) return { checklist: null, budget, optional, blockers: startBlockers({ unchecked: [], budget, optional }) };
    const record = candidate ? await this.record(serviceId, candidate, release) : null;
    const unchecked = record && record.releaseId === null ? uncheckedItems(record, items) : [];
    return { checklist: checklistView(record, items, candidate), budget, optional, blockers: startBlockers({ unchecked, budget, optional }) };
  }

  async tick(request: ChecklistRequest, actor: string, candidate: string | null, release: Release | null): Promise<ActionResult> {
    const { serviceId, item } = request;
    const subject = { actor, serviceId, action: request.action, reason: request.reason?.trim() || null };
    const items = this.deps.items;
    try {
      if (!items) throw new ChecklistError('this workspace has no pre-flight checklist');
      if (!candidate) throw new ChecklistError(`${serviceId} has no candidate version to check before a release`);
      const record = await this.record(serviceId, candidate, release);
      const derived = this.derived(serviceId, release);
      if (derived?.item === item) throw new ChecklistError(`"${items.find((i) => i.id === item)?.text ?? item}" is decided by the schema state, not by hand: ${derived.why}`);
      const at = new Date(this.deps.clock.wallNow()).toISOString();
      const next = request.action === 'tick' ? tickItem(record, items, item, actor, at) : untickItem(record, items, item);
      await this.deps.store.saveChecklist(next);
      const text = items.find((i) => i.id === item)?.text ?? item;
      const message = `${request.action === 'tick' ? 'ticked' : 'unticked'} "${text}" for ${candidate}`;
      await this.deps.journal.append(this.event(subject, 'done', message));
      return { ok: true, outcome: 'done', message: `${serviceId}: ${message}`, release };
    } catch (error) {
      if (!(error instanceof ChecklistError)) throw error;
      await this.deps.journal.append(this.event(subject, 'refused', error.message));
      return { ok: false, outcome: 'refused', message: `${serviceId}: ${error.message}`, release };
    }
  }

  /** What a start would need an override for now (app/release/refusal.ts decides), and the checklist to bind. */
  async checkStart(serviceId: string, candidate: string | null, release: Release | null): Promise<StartCheck> {
    const view = await this.view(serviceId, candidate, release);
    const record = this.deps.items && candidate ? await this.record(serviceId, candidate, release) : null;
    return { blockers: view.blockers, checklist: record };
  }

  /** Journals that a start went ahead despite its blockers, with the operator's reason. */
  async journalOverride(serviceId: string, actor: string, reason: string, overridden: readonly string[]): Promise<void> {
    await this.deps.journal.append(
      this.event({ actor, serviceId, action: 'override', reason }, 'note', `start overrides: ${overridden.join('; ')}`),
    );
  }

  /** The ticks belong to this release from now on; the next release is checked afresh. */
  async bind(record: ChecklistRecord, releaseId: string): Promise<void> {
    await this.deps.store.saveChecklist({ ...record, releaseId });
  }

  private async record(serviceId: string, candidate: string, release: Release | null): Promise<ChecklistRecord> {
    const stored = await this.deps.store.loadChecklist(serviceId);
    const boundEnded = stored?.releaseId != null && (release === null || release.id !== stored.releaseId || isTerminal(release.phase));
    const live = liveRecord(stored, serviceId, candidate, boundEnded);
    const derived = this.derived(serviceId, release);
    if (!derived || live.releaseId !== null || !this.deps.items?.some((i) => i.id === derived.item)) return live;
    const others = live.ticks.filter((t) => t.item !== derived.item);
    const at = new Date(this.deps.clock.wallNow()).toISOString();
    return { ...live, ticks: derived.ok ? [...others, { item: derived.item, by: `schema state: ${derived.why}`, at }] : others };
  }

  private derived(serviceId: string, release: Release | null): { item: string; ok: boolean; why: string } | null {
    const stable = release?.phase === 'Promoted' ? release.candidate : (this.deps.config(serviceId)?.stable ?? '');
    return this.deps.derivedTick?.(serviceId, stable) ?? null;
  }

  private async freshLedger(serviceId: string, now: number): Promise<BudgetLedger> {
    let ledger: BudgetLedger | null = null;
    try {
      ledger = await this.deps.store.loadLedger(serviceId);
    } catch (error) {
      this.deps.onError(error);
    }
    // A ledger from later than now belongs to another clock (an earlier, faster sandbox world).
    return ledger && (ledger.lastSampleAt === null || ledger.lastSampleAt <= now + 60_000) ? ledger : emptyLedger(serviceId);
  }

  private event(subject: { actor: string; serviceId: string; action: JournalEvent['action']; reason: string | null }, stage: JournalEvent['stage'], message: string): JournalEvent {
    return {
      at: new Date(this.deps.clock.wallNow()).toISOString(),
      actor: subject.actor,
      serviceId: subject.serviceId,
      releaseId: null,
      action: subject.action,
      stage,
      reason: subject.reason,
      splitBefore: null,
      splitAfter: null,
      step: null,
      firing: null,
      message,
    };
  }
}
