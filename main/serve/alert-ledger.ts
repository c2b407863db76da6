// Which release each Alertmanager alert (fingerprint + startsAt) was about and whether serve rolled it back, on disk,
// so a re-send of the same alert (a retry, every repeat_interval, after a restart) never rolls back a newer release.

import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { writeFileAtomic } from '../store/atomic-file';
import type { WebhookAlert } from './payload';

/** Alerts firing longer than this are forgotten (a resolved alert is forgotten at once). */
const KEPT_MS = 30 * 24 * 3600_000;

const recordSchema = z.object({
  service: z.string(),
  /** The release that was running when serve first received the alert; null: none was. */
  releaseId: z.string().nullable(),
  /** Wall time (ISO 8601) serve first received the alert. */
  firstSeenAt: z.string(),
  /** Wall time serve rolled that release back for this alert (or found it rolled back); null: not yet. */
  rolledBackAt: z.string().nullable(),
});
export type AlertRecord = z.infer<typeof recordSchema>;

const fileSchema = z.object({ version: z.literal(1), alerts: z.record(z.string(), recordSchema) });

/** One firing of one alert: Alertmanager's fingerprint (a hash of the labels without it) and when it started firing. */
export function alertKey(alert: WebhookAlert): string {
  const fingerprint =
    alert.fingerprint ??
    createHash('sha256')
      .update(JSON.stringify(Object.entries(alert.labels).sort(([a], [b]) => (a < b ? -1 : 1))))
      .digest('hex')
      .slice(0, 16);
  return `${fingerprint}@${alert.startsAt}`;
}

export class AlertLedger {
  private alerts: Map<string, AlertRecord> | null = null;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    readonly file: string,
    private readonly onProblem: (message: string) => void = () => undefined,
    private readonly now: () => Date = () => new Date(),
  ) {}

  get(key: string): Promise<AlertRecord | null> {
    return this.serially(async (alerts) => alerts.get(key) ?? null);
  }

  /** Records the release the alert is about the first time it arrives; a re-send keeps the first record. */
  bind(key: string, record: Omit<AlertRecord, 'firstSeenAt' | 'rolledBackAt'>): Promise<AlertRecord> {
    return this.serially(async (alerts) => {
      const known = alerts.get(key);
      if (known) return known;
      const fresh: AlertRecord = { ...record, firstSeenAt: this.now().toISOString(), rolledBackAt: null };
      alerts.set(key, fresh);
      await this.save(alerts);
      return fresh;
    });
  }

  rolledBack(key: string): Promise<AlertRecord | null> {
    return this.serially(async (alerts) => {
      const known = alerts.get(key);
      if (!known) return null;
      if (known.rolledBackAt) return known;
      const done = { ...known, rolledBackAt: this.now().toISOString() };
      alerts.set(key, done);
      await this.save(alerts);
      return done;
    });
  }

  /** The alert resolved: its next firing (a new startsAt) is a new alert anyway. */
  forget(key: string): Promise<void> {
    return this.serially(async (alerts) => {
      if (alerts.delete(key)) await this.save(alerts);
    });
  }

  private serially<T>(work: (alerts: Map<string, AlertRecord>) => Promise<T>): Promise<T> {
    const run = this.queue.then(async () => work(await this.load()));
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async load(): Promise<Map<string, AlertRecord>> {
    if (this.alerts) return this.alerts;
    let text: string | null = null;
    try {
      text = await readFile(this.file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') this.onProblem(`cannot read ${this.file}: ${(error as Error).message}; starting without it`);
    }
    const alerts = new Map<string, AlertRecord>();
    if (text !== null) {
      let value: unknown = null;
      try {
        value = JSON.parse(text);
      } catch {
        /* reported below */
      }
      const parsed = fileSchema.safeParse(value);
      if (parsed.success) for (const [key, record] of Object.entries(parsed.data.alerts)) alerts.set(key, record);
      else this.onProblem(`${this.file} is not a Switchyard alert ledger; starting without it (alerts already handled may act again)`);
    }
    this.alerts = alerts;
    return alerts;
  }

  /** A ledger that cannot be saved never stops a rollback: this process still remembers; the problem is reported. */
  private async save(alerts: Map<string, AlertRecord>): Promise<void> {
    const oldest = this.now().getTime() - KEPT_MS;
    for (const [key, record] of alerts) if (Date.parse(record.firstSeenAt) < oldest) alerts.delete(key);
    try {
      await writeFileAtomic(this.file, JSON.stringify({ version: 1, alerts: Object.fromEntries(alerts) }, null, 2) + '\n');
    } catch (error) {
      this.onProblem(`cannot save ${this.file}: ${(error as Error).message}; a restarted serve may not know which alerts it handled`);
    }
  }
}
