// The emulated Unleash Admin API over HTTP: the subset Switchyard's adapter uses, with Unleash's paths, bodies and errors.

import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { closeHttp, listenHttp } from '../http-listener';
import { UnleashFault, UnleashState, type EmulatedEnvironment, type EmulatedFeature, type EmulatedStrategy } from './state';

const FEATURES = /^\/api\/admin\/projects\/([^/]+)\/features$/;
const FEATURE = /^\/api\/admin\/projects\/([^/]+)\/features\/([^/]+)$/;
const STRATEGIES = /^\/api\/admin\/projects\/([^/]+)\/features\/([^/]+)\/environments\/([^/]+)\/strategies(?:\/([^/]+))?$/;
const ON_OFF = /^\/api\/admin\/projects\/([^/]+)\/features\/([^/]+)\/environments\/([^/]+)\/(on|off)$/;

export interface UnleashEmulatorOptions {
  /** The admin API token the emulator accepts (Authorization header, as Unleash takes it). */
  adminToken: string;
  /** Who the event log names for changes made with the admin token (Unleash: the token's name). */
  tokenName?: string;
  state?: UnleashState;
}

export class UnleashEmulator {
  readonly state: UnleashState;
  private server: Server | null = null;
  private baseUrl: string | null = null;

  constructor(private readonly options: UnleashEmulatorOptions) {
    this.state = options.state ?? new UnleashState();
  }

  get url(): string {
    if (!this.baseUrl) throw new Error('the Unleash emulator is not listening; call listen() first');
    return this.baseUrl;
  }

  async listen(host = '127.0.0.1', port = 0): Promise<string> {
    const { server, url } = await listenHttp((req, res) => void this.handle(req, res), host, port);
    this.server = server;
    this.baseUrl = url;
    return url;
  }

  async close(): Promise<void> {
    const server = this.server;
    this.server = null;
    this.baseUrl = null;
    await closeHttp(server);
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    try {
      if (req.headers.authorization !== this.options.adminToken) throw new UnleashFault(401, 'UnauthorizedError', 'You must log in to use Unleash.');
      const url = new URL(req.url ?? '/', 'http://unleash.invalid');
      const body = req.method === 'POST' || req.method === 'PUT' ? await readJson(req) : {};
      const by = this.options.tokenName ?? 'admin';
      const path = url.pathname;
      const s = this.state;
      let m: RegExpExecArray | null;
      if (req.method === 'GET' && path === '/api/admin/events') {
        const feature = url.searchParams.get('feature') ?? '';
        return send(res, 200, { version: 1, events: s.eventsOf(feature).map((e) => ({ ...e, data: null, preData: null, tags: [] })) });
      }
      if ((m = FEATURES.exec(path)) && req.method === 'POST') {
        const name = typeof body['name'] === 'string' ? body['name'] : '';
        const feature = s.createFeature(dec(m[1]), name, by);
        return send(res, 201, { name: feature.name, description: null, type: 'release', project: feature.project, stale: false, createdAt: feature.createdAt, impressionData: false, archived: false });
      }
      if ((m = FEATURE.exec(path)) && req.method === 'GET') return send(res, 200, featureBody(s.feature(dec(m[1]), dec(m[2]))));
      if ((m = ON_OFF.exec(path)) && req.method === 'POST') {
        s.setEnabled(dec(m[1]), dec(m[2]), dec(m[3]), m[4] === 'on', by);
        return send(res, 200, null);
      }
      if ((m = STRATEGIES.exec(path))) {
        const [project, name, env, id] = [dec(m[1]), dec(m[2]), dec(m[3]), m[4] ? dec(m[4]) : null];
        if (req.method === 'GET' && id === null) return send(res, 200, s.environment(project, name, env).strategies.map(listedStrategy));
        if (req.method === 'POST' && id === null) return send(res, 200, s.addStrategy(project, name, env, body as Partial<EmulatedStrategy>, by));
        if (req.method === 'PUT' && id !== null) return send(res, 200, s.updateStrategy(project, name, env, id, body as Partial<EmulatedStrategy>, by));
      }
      throw new UnleashFault(404, 'NotFoundError', `Could not find the resource ${req.method} ${path}`);
    } catch (error) {
      const fault = error instanceof UnleashFault ? error : new UnleashFault(400, 'BadDataError', error instanceof Error ? error.message : String(error));
      send(res, fault.status, { name: fault.kind, message: fault.message, details: [{ message: fault.message }] });
    }
  }
}

function dec(part: string | undefined): string {
  return decodeURIComponent(part ?? '');
}

function featureBody(feature: EmulatedFeature): unknown {
  return {
    name: feature.name,
    project: feature.project,
    type: 'release',
    description: null,
    stale: false,
    archived: false,
    impressionData: false,
    createdAt: feature.createdAt,
    variants: [],
    environments: feature.environments.map((env: EmulatedEnvironment) => ({ name: env.name, enabled: env.enabled, strategies: env.strategies })),
  };
}

function listedStrategy(strategy: EmulatedStrategy): unknown {
  return { ...strategy, milestoneId: null };
}

async function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  if (text.trim() === '') return {};
  try {
    const parsed = JSON.parse(text) as unknown;
    return parsed && typeof parsed === 'object' ? (parsed as Record<string, unknown>) : {};
  } catch {
    throw new UnleashFault(400, 'BadDataError', 'Request body is not valid JSON');
  }
}

function send(res: ServerResponse, status: number, body: unknown): void {
  if (body === null) {
    res.writeHead(status).end();
    return;
  }
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' }).end(JSON.stringify(body));
}
