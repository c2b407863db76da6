// Where a command writes, and what stops a long-running command (tests pass their own).

export interface CliIo {
  out(text: string): void;
  err(text: string): void;
  /** Aborted to stop a long-running command; by default SIGINT / SIGTERM do it. */
  signal?: AbortSignal;
  env?: Record<string, string | undefined>;
  cwd?: string;
}

export const processIo: CliIo = {
  out: (text) => void process.stdout.write(text.endsWith('\n') ? text : text + '\n'),
  err: (text) => void process.stderr.write(text.endsWith('\n') ? text : text + '\n'),
};

export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** Resolves when the command should stop: on the io's signal, else on SIGINT / SIGTERM. */
export function untilStopped(io: CliIo): Promise<string> {
  return new Promise((resolve) => {
    if (io.signal) {
      if (io.signal.aborted) return resolve('abort');
      io.signal.addEventListener('abort', () => resolve('abort'), { once: true });
      return;
    }
    const stop = (name: string) => {
      process.off('SIGINT', onInt);
      process.off('SIGTERM', onTerm);
      resolve(name);
    };
    const onInt = () => stop('SIGINT');
    const onTerm = () => stop('SIGTERM');
    process.on('SIGINT', onInt);
    process.on('SIGTERM', onTerm);
  });
}
