// The workspace's flag targets as flag stores (a deadline on every call), and which store holds a service's flag.

import { createFlagStore, flagLabel, type FlagTargetConfig, type WorkspaceConfig } from '../../adapters/registry';
import type { ServiceFlagView } from '../../app/flags/model';
import { FlagError, type FlagStore } from '../../app/ports';
import type { ServiceConfigBase } from '../../app/workspace';
import { seconds, type Deadlines } from './deadlines';

export interface FlagStores {
  /** The store holding `flag` for the service; throws, naming the service's flags, when it names no such flag. */
  storeFor(service: Pick<ServiceConfigBase, 'id' | 'flags'>, flag: string): FlagStore;
  /** Every flag the service names, as its store has it now (or why it cannot be read). */
  read(service: Pick<ServiceConfigBase, 'id' | 'flags'>): Promise<ServiceFlagView[]>;
  close(): Promise<void>;
}

export function createFlagStores(workspace: WorkspaceConfig, deadlines: Deadlines, env: Record<string, string | undefined> = process.env): FlagStores {
  const targets: FlagTargetConfig[] = workspace.flagTargets ?? [];
  const stores = new Map(targets.map((target) => [target.id, withDeadlines(createFlagStore(target, env), target, deadlines)]));
  const storeFor: FlagStores['storeFor'] = (service, flag) => {
    const named = (service.flags ?? []).find((f) => f.flag === flag);
    if (!named) {
      const names = (service.flags ?? []).map((f) => f.flag);
      throw new Error(`${service.id} names no flag "${flag}" (${names.length > 0 ? `its flags: ${names.join(', ')}` : 'it names no flags in the workspace'})`);
    }
    const store = stores.get(named.target);
    if (!store) throw new Error(`${service.id}'s flag ${flag} names flag target "${named.target}", which the workspace does not have under flagTargets`);
    return store;
  };
  return {
    storeFor,
    async read(service) {
      return Promise.all(
        (service.flags ?? []).map(async ({ target, flag }): Promise<ServiceFlagView> => {
          try {
            return { flag, targetId: target, state: await storeFor(service, flag).read(flag), problem: null };
          } catch (error) {
            return { flag, targetId: target, state: null, problem: error instanceof Error ? error.message : String(error) };
          }
        }),
      );
    },
    async close() {
      await Promise.allSettled([...stores.values()].map((store) => store.close()));
    },
  };
}

/** Reads within the read deadline, changes within the change deadline; a store that never answers fails the call. */
function withDeadlines(store: FlagStore, target: FlagTargetConfig, deadlines: Deadlines): FlagStore {
  const where = `${target.name ?? target.id} (${flagLabel(target)})`;
  const timed = <T>(ms: number, what: string, call: () => Promise<T>): Promise<T> => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const late = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new FlagError(`${where}: no answer within ${seconds(ms)} (${what})`, store.targetId)), ms);
      timer.unref?.();
    });
    return Promise.race([call(), late]).finally(() => clearTimeout(timer));
  };
  return {
    targetId: store.targetId,
    read: (flag) => timed(deadlines.readMs, `read ${flag}`, () => store.read(flag)),
    setPercent: (flag, percent) => timed(deadlines.changeMs, `set ${flag} to ${percent}%`, () => store.setPercent(flag, percent)),
    setEnabled: (flag, enabled) => timed(deadlines.changeMs, `turn ${flag} ${enabled ? 'on' : 'off'}`, () => store.setEnabled(flag, enabled)),
    close: () => store.close(),
  };
}
