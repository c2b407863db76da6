// The emulated Unleash's flags: projects' features, their environments (on/off, strategies) and the event log.

import { randomUUID } from 'node:crypto';

export interface EmulatedStrategy {
  id: string;
  name: string;
  title: string | null;
  disabled: boolean;
  constraints: unknown[];
  parameters: Record<string, string>;
  variants: unknown[];
  segments: unknown[];
  sortOrder: number;
}

export interface EmulatedEnvironment {
  name: string;
  enabled: boolean;
  strategies: EmulatedStrategy[];
}

export interface EmulatedFeature {
  name: string;
  project: string;
  createdAt: string;
  environments: EmulatedEnvironment[];
}

export interface EmulatedEvent {
  id: number;
  type: string;
  createdBy: string;
  createdAt: string;
  featureName: string;
  project: string;
  environment: string | null;
}

/** A failure the HTTP layer answers with Unleash's own status and message. */
export class UnleashFault extends Error {
  constructor(
    readonly status: number,
    readonly kind: string,
    message: string,
  ) {
    super(message);
  }
}

export class UnleashState {
  private readonly features = new Map<string, EmulatedFeature>();
  private readonly events: EmulatedEvent[] = [];
  private nextEvent = 1;
  /** Called after every change, so the world (the traffic simulator) follows the flags. */
  onChange: (feature: EmulatedFeature) => void = () => undefined;

  constructor(
    readonly environments: string[] = ['development', 'production'],
    private readonly now: () => number = Date.now,
  ) {}

  createFeature(project: string, name: string, by: string): EmulatedFeature {
    if (this.features.has(name)) throw new UnleashFault(409, 'NameExistsError', `The feature flag name "${name}" already exists.`);
    const feature: EmulatedFeature = { name, project, createdAt: this.time(), environments: this.environments.map((env) => ({ name: env, enabled: false, strategies: [] })) };
    this.features.set(name, feature);
    this.log('feature-created', by, feature, null);
    return feature;
  }

  feature(project: string, name: string): EmulatedFeature {
    const feature = this.features.get(name);
    if (!feature || feature.project !== project) throw new UnleashFault(404, 'NotFoundError', `There's no feature named "${name}" in project "${project}".`);
    return feature;
  }

  environment(project: string, name: string, env: string): EmulatedEnvironment {
    const feature = this.features.get(name);
    const found = feature?.project === project ? feature.environments.find((e) => e.name === env) : undefined;
    if (!found) throw new UnleashFault(404, 'NotFoundError', `Feature ${name} does not have environment ${env}`);
    return found;
  }

  setEnabled(project: string, name: string, env: string, enabled: boolean, by: string): void {
    // Unleash names a missing flag first here (the strategies paths name the missing environment instead).
    this.feature(project, name);
    const environment = this.environment(project, name, env);
    if (environment.enabled === enabled) return;
    environment.enabled = enabled;
    const feature = this.feature(project, name);
    this.log(enabled ? 'feature-environment-enabled' : 'feature-environment-disabled', by, feature, env);
  }

  addStrategy(project: string, name: string, env: string, body: Partial<EmulatedStrategy>, by: string): EmulatedStrategy {
    const environment = this.environment(project, name, env);
    const strategy = strategyOf(randomUUID(), body, environment.strategies.length);
    environment.strategies.push(strategy);
    this.log('feature-strategy-add', by, this.feature(project, name), env);
    return strategy;
  }

  updateStrategy(project: string, name: string, env: string, id: string, body: Partial<EmulatedStrategy>, by: string): EmulatedStrategy {
    const environment = this.environment(project, name, env);
    const index = environment.strategies.findIndex((s) => s.id === id);
    if (index < 0) throw new UnleashFault(404, 'NotFoundError', `Could not find strategy with id ${id}`);
    const strategy = strategyOf(id, body, environment.strategies[index]!.sortOrder);
    environment.strategies[index] = strategy;
    this.log('feature-strategy-update', by, this.feature(project, name), env);
    return strategy;
  }

  /** Newest first, as Unleash lists them. */
  eventsOf(name: string): EmulatedEvent[] {
    return this.events.filter((e) => e.featureName === name).reverse();
  }

  private log(type: string, by: string, feature: EmulatedFeature, environment: string | null): void {
    this.events.push({ id: this.nextEvent++, type, createdBy: by, createdAt: this.time(), featureName: feature.name, project: feature.project, environment });
    this.onChange(feature);
  }

  private time(): string {
    return new Date(this.now()).toISOString();
  }
}

function strategyOf(id: string, body: Partial<EmulatedStrategy>, sortOrder: number): EmulatedStrategy {
  const parameters: Record<string, string> = {};
  for (const [key, value] of Object.entries(body.parameters ?? {})) parameters[key] = String(value);
  return {
    id,
    name: body.name ?? 'default',
    title: body.title ?? null,
    disabled: body.disabled ?? false,
    constraints: body.constraints ?? [],
    parameters,
    variants: body.variants ?? [],
    segments: body.segments ?? [],
    sortOrder,
  };
}
