// A schema step's effect on the service's database (through the SchemaPort), answered as an event.

import type { BackfillBatch } from '../ports';
import type { Release } from '../release';
import type { ReleaseEvent, SchemaEffect } from '../release/events';
import type { EngineCore } from './core';
import { errorMessage } from './traffic';

/** A backfill runs batches for at most this much wall time per slice, so the service's queue (Rollback) is never held long. */
const SLICE_MS = 1000;

export async function runSchemaEffect(core: EngineCore, release: Release, effect: SchemaEffect): Promise<ReleaseEvent> {
  const serviceId = release.serviceId;
  const port = core.deps.schema?.(serviceId) ?? null;
  if (!port) return { type: 'schema-failed', effect, message: `${core.serviceName(serviceId)} has no database in the workspace` };
  const by = { actor: release.startedBy, version: release.candidate };
  try {
    let batch: BackfillBatch | null = null;
    switch (effect.op) {
      case 'expand':
        await port.expand(effect.migration, by);
        break;
      case 'migrate': {
        const until = core.deps.clock.wallNow() + SLICE_MS;
        do batch = await port.migrateBatch(effect.migration, by);
        while (!batch.done && core.deps.clock.wallNow() < until);
        break;
      }
      case 'contract':
        await port.contract(effect.migration, by);
        break;
    }
    return { type: 'schema-done', effect, batch };
  } catch (error) {
    return { type: 'schema-failed', effect, message: errorMessage(error) };
  } finally {
    // What the verdicts and the view know of the schema (a contract makes rollback unsafe) is read again now.
    await core.deps.schemaChanged?.(serviceId).catch(() => undefined);
  }
}
