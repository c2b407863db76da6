// Checklist ticks and error-budget ledgers on disk, beside the releases: one small JSON file each, replaced atomically.

import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import type { BudgetLedger } from '../../app/gates/budget';
import type { ChecklistRecord } from '../../app/gates/checklist';
import { checklistTickSchema } from '../../app/gates/schemas';
import { writeFileAtomic } from './atomic-file';

/** `world` is the sandbox world's epoch the file belongs to (null outside the sandbox). */
const checklistFileSchema = z.object({
  world: z.number().nullable(),
  serviceId: z.string(),
  candidate: z.string(),
  ticks: z.array(checklistTickSchema),
  releaseId: z.string().nullable(),
});

const ledgerFileSchema = z.object({
  world: z.number().nullable(),
  serviceId: z.string(),
  badMinutes: z.array(z.number()),
  recentMeasured: z.array(z.number()),
  measuredMinutes: z.number().int().min(0),
  lastSampleAt: z.number().nullable(),
  open: z.object({ start: z.number(), coveredMs: z.number(), errorMs: z.number() }).nullable(),
});

export class GatesStore {
  constructor(
    readonly dir: string,
    /** The sandbox world's epoch: files of another world are ignored. */
    private readonly world: number | null,
    private readonly onProblem: (message: string) => void = () => undefined,
  ) {}

  async loadChecklist(serviceId: string): Promise<ChecklistRecord | null> {
    const data = await this.read(this.file(serviceId, 'checklist'), checklistFileSchema);
    if (!data || data.world !== this.world) return null;
    return { serviceId: data.serviceId, candidate: data.candidate, ticks: data.ticks, releaseId: data.releaseId };
  }

  saveChecklist(record: ChecklistRecord): Promise<void> {
    return this.write(this.file(record.serviceId, 'checklist'), { world: this.world, ...record });
  }

  async loadLedger(serviceId: string): Promise<BudgetLedger | null> {
    const data = await this.read(this.file(serviceId, 'budget'), ledgerFileSchema);
    if (!data || data.world !== this.world) return null;
    const { world: _world, ...ledger } = data;
    return ledger;
  }

  saveLedger(ledger: BudgetLedger): Promise<void> {
    return this.write(this.file(ledger.serviceId, 'budget'), { world: this.world, ...ledger });
  }

  private file(serviceId: string, kind: 'checklist' | 'budget'): string {
    return join(this.dir, `${serviceId}.${kind}.json`);
  }

  private async read<T>(file: string, schema: z.ZodType<T>): Promise<T | null> {
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') this.onProblem(`${file}: ${(error as Error).message}`);
      return null;
    }
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      // A reader can meet a half-replaced file only if rename is not atomic; treat it as absent this time.
      this.onProblem(`${file}: not valid JSON; ignoring it`);
      return null;
    }
    const parsed = schema.safeParse(value);
    if (!parsed.success) {
      this.onProblem(`${file}: unexpected content (${parsed.error.issues[0]?.message ?? 'invalid'}); ignoring it`);
      return null;
    }
    return parsed.data;
  }

  private async write(file: string, value: unknown): Promise<void> {
    await writeFileAtomic(file, JSON.stringify(value) + '\n');
  }
}
