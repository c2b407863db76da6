// The workspace's environments as a host holds them: the layout, the stopped lines (shared through the state dir), their
// views, and the soak watch of promoted releases.

import type { EnvironmentLayout } from '../../app/environments/layout';
import type { EnvironmentView, Freeze } from '../../app/environments/schema';
import { frozenReason } from '../../app/environments/freeze';
import { insideWindow } from '../../app/environments/window';
import type { FreezeStore } from '../store/freeze-store';
import { SoakWatch } from '../../app/environments/soak';
import type { VersionMetrics } from '../../app/model';
import type { Release } from '../../app/release';
import type { RuleFiring } from '../../app/rule';

/** A rule that fired on a promoted release during its soak: where it soaked, and the environment it keeps the version from. */
export interface SoakBreach {
  firing: RuleFiring;
  environment: string;
  next: string;
}

export class EnvironmentKeeper {
  private frozen: Record<string, Freeze> = {};
  private readError: string | null = null;
  private readonly soak = new SoakWatch();

  constructor(
    readonly layout: EnvironmentLayout,
    readonly store: FreezeStore,
    private readonly wallNow: () => number,
  ) {}

  /** Reads the stopped lines again (another process may have frozen or lifted one); true when they changed. */
  async refresh(): Promise<boolean> {
    if (this.layout.environments.length === 0) return false;
    const before = JSON.stringify(this.frozen);
    try {
      this.frozen = await this.store.load();
      this.readError = null;
    } catch (error) {
      // Unreadable: the last known state stays, and the error says why.
      this.readError = (error as Error).message;
    }
    return JSON.stringify(this.frozen) !== before;
  }

  /** Why the file of stopped lines cannot be read, while it cannot. */
  problem(): string | null {
    return this.readError;
  }

  freezeOf(environment: string | null): Freeze | null {
    return environment === null ? null : (this.frozen[environment] ?? null);
  }

  /** Why a service of this environment may not move forward now, or null. */
  frozenReason(environment: string | null): string | null {
    return environment === null ? null : frozenReason(environment, this.freezeOf(environment));
  }

  /** Sets or lifts the stop of one environment in the shared file, from the file's latest state. */
  async write(environment: string, freeze: Freeze | null): Promise<void> {
    const current = await this.store.load();
    if (freeze) current[environment] = freeze;
    else delete current[environment];
    await this.store.save(current);
    this.frozen = current;
  }

  /**
   * One poll of a service this process drives, in `environment`: its promoted release's rules asked of the candidate's
   * health while the next environment's soak lasts. The firing to record on the release, or null.
   */
  watchSoak(key: string, environment: string | null, release: Release, member: string | null, metrics: readonly VersionMetrics[], now: number): SoakBreach | null {
    const next = environment === null ? null : this.layout.next(environment);
    if (environment === null || !next) return null;
    const health = metrics.find((m) => m.version === release.candidate);
    const firing = this.soak.observe({ key, release, member, soakMs: next.soakMs ?? 0, health, now });
    return firing && { firing, environment, next: next.name };
  }

  views(): EnvironmentView[] {
    const now = this.wallNow();
    return this.layout.environments.map((env) => ({
      name: env.name,
      targets: env.targets,
      soakMs: env.soakMs,
      window: env.window ?? null,
      windowOpen: env.window ? insideWindow(env.window, now) : true,
      frozen: this.freezeOf(env.name),
    }));
  }
}
