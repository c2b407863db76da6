// The machine's flag effects, run on the service's flag store: read the flag, change it, read it back.

import type { FlagState } from '../flags/model';
import type { FlagEffect } from '../flags/steps';
import { FlagError, type FlagStore } from '../ports';
import type { Release } from '../release';
import type { ReleaseEvent } from '../release/events';
import type { EngineCore } from './core';
import { errorMessage } from './traffic';

export async function moveFlag(core: EngineCore, release: Release, effect: FlagEffect): Promise<ReleaseEvent> {
  let store: FlagStore;
  try {
    const find = core.deps.flagStore;
    if (!find) throw new Error('this Switchyard has no flag targets');
    store = find(release.serviceId, effect.flag);
  } catch (error) {
    return { type: 'flag-failed', effect, message: errorMessage(error), state: null };
  }
  let before: FlagState;
  try {
    before = await store.read(effect.flag);
  } catch (error) {
    return { type: 'flag-failed', effect, message: errorMessage(error), state: null };
  }
  try {
    const state = await change(store, effect, before);
    return { type: 'flag-moved', effect, before, state };
  } catch (error) {
    const state = error instanceof FlagError && error.state ? error.state : await store.read(effect.flag).catch(() => null);
    return { type: 'flag-failed', effect, message: errorMessage(error), state };
  }
}

async function change(store: FlagStore, effect: FlagEffect, before: FlagState): Promise<FlagState> {
  const { change } = effect;
  if ('percent' in change) return store.setPercent(effect.flag, change.percent);
  if ('enabled' in change) return store.setEnabled(effect.flag, change.enabled);
  // A rollback: the percentage first (while the flag may still be on, users move back to the old path), then on/off.
  let state = before;
  if (change.restore.percent !== null && state.percent !== change.restore.percent) state = await store.setPercent(effect.flag, change.restore.percent);
  if (state.enabled !== change.restore.enabled) state = await store.setEnabled(effect.flag, change.restore.enabled);
  return state;
}
