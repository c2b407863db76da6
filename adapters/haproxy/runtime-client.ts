// HAProxy runtime API in default mode: one command per connection, the answer is everything until HAProxy closes.

import net from 'node:net';
import { PlatformError } from '../../app/ports';
import { parseRuntimeApiAddress, type RuntimeApiAddress } from './address';

export interface RuntimeClientOptions {
  /** tcp://HOST:PORT or unix:///PATH */
  address: string;
  targetId: string;
  timeoutMs?: number;
}

export const DEFAULT_TIMEOUT_MS = 2000;

/** The connection failed or broke: the target is unreachable, not merely refusing one command. */
export class RuntimeConnectionError extends PlatformError {
  constructor(message: string, targetId: string) {
    super(message, targetId);
    this.name = 'RuntimeConnectionError';
  }
}

/** HAProxy answered the command with an error text (e.g. `No such server.`). */
export class RuntimeCommandError extends PlatformError {
  constructor(
    message: string,
    targetId: string,
    readonly command: string,
    readonly answer: string,
  ) {
    super(message, targetId);
    this.name = 'RuntimeCommandError';
  }
}

// Server and backend names are interpolated into commands; these characters would split or chain them.
const UNSAFE = /[\s;\\#<]/;

export class RuntimeApiClient {
  readonly address: string;
  readonly targetId: string;
  readonly timeoutMs: number;
  private readonly endpoint: RuntimeApiAddress;

  constructor(options: RuntimeClientOptions) {
    this.address = options.address;
    this.targetId = options.targetId;
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    try {
      this.endpoint = parseRuntimeApiAddress(options.address);
    } catch (err) {
      throw new PlatformError(`${(err as Error).message} (target ${options.targetId})`, options.targetId);
    }
  }

  /** Who is talking, for messages: `HAProxy runtime API at tcp://127.0.0.1:9999 (target sandbox-haproxy)`. */
  get label(): string {
    return `HAProxy runtime API at ${this.address} (target ${this.targetId})`;
  }

  /** Sends one command and resolves with HAProxy's raw answer (error answers included). */
  send(command: string): Promise<string> {
    if (command.includes('\n')) return Promise.reject(new PlatformError(`refusing to send a multi-line command to ${this.label}`, this.targetId));
    return new Promise((resolve, reject) => {
      const socket =
        this.endpoint.kind === 'tcp'
          ? net.createConnection({ host: this.endpoint.host, port: this.endpoint.port })
          : net.createConnection({ path: this.endpoint.path });
      // Decoded as it arrives: a 10,000-server answer is never held twice as Buffers (chunks, then their concatenation).
      socket.setEncoding('utf8');
      const chunks: string[] = [];
      let settled = false;
      const fail = (message: string): void => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        socket.destroy();
        reject(new RuntimeConnectionError(message, this.targetId));
      };
      const timer = setTimeout(() => fail(`${this.label} did not answer within ${this.timeoutMs} ms`), this.timeoutMs);
      socket.on('connect', () => socket.write(`${command}\n`));
      socket.on('data', (chunk: string) => chunks.push(chunk));
      socket.on('error', (err: NodeJS.ErrnoException) => fail(this.describe(err, chunks.length > 0 || socket.bytesWritten > 0)));
      socket.on('close', () => {
        if (settled) return;
        const answer = chunks.join('');
        // Every complete answer ends with a newline (success of `set …` is a lone "\n").
        if (!answer.endsWith('\n')) return fail(`${this.label} closed the connection mid-command (${quote(command)})`);
        settled = true;
        clearTimeout(timer);
        resolve(answer);
      });
    });
  }

  /** Runs a write command whose success answer is empty; any text is HAProxy refusing it. */
  async run(command: string): Promise<void> {
    const answer = await this.send(command);
    if (answer.trim() !== '') throw this.refusal(command, answer);
  }

  /** Runs a read command; `looksRight` tells its output from an error text. */
  async read(command: string, looksRight: (answer: string) => boolean): Promise<string> {
    const answer = await this.send(command);
    if (!looksRight(answer)) throw this.refusal(command, answer);
    return answer;
  }

  /** Checks a backend or server name before it goes into a command. */
  assertSafeName(name: string): void {
    if (name === '' || UNSAFE.test(name)) {
      throw new PlatformError(`"${name}" is not a valid HAProxy backend or server name (target ${this.targetId})`, this.targetId);
    }
  }

  private refusal(command: string, answer: string): RuntimeCommandError {
    const text = firstLine(answer);
    const hint = /permission denied/i.test(text) ? ' (the stats socket needs "level admin")' : '';
    return new RuntimeCommandError(
      `${this.label} rejected ${quote(command)}: ${text}${hint}`,
      this.targetId,
      command,
      answer,
    );
  }

  private describe(err: NodeJS.ErrnoException, started: boolean): string {
    switch (err.code) {
      case 'ECONNREFUSED':
        return `${this.label} refused the connection`;
      case 'ENOENT':
        return `${this.label} is not there: no socket file (${err.message})`;
      case 'EACCES':
        return `${this.label} is not accessible: permission denied on the socket (${err.message})`;
      case 'ECONNRESET':
      case 'EPIPE':
        return started ? `${this.label} closed the connection mid-command` : `${this.label} reset the connection`;
      default:
        return `${this.label} could not be reached: ${err.message}`;
    }
  }
}

function firstLine(answer: string): string {
  const line = answer.split('\n').find((l) => l.trim() !== '');
  return line?.trim() ?? '(empty answer)';
}

function quote(command: string): string {
  return `"${command}"`;
}
