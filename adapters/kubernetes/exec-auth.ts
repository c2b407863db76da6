// Exec credential plugins: client-node 2.x runs them with an asynchronous spawn (no shell) and caches the
// ExecCredential until its expirationTimestamp. We only give them the login shell's PATH.

import type { KubeConfig, User } from '@kubernetes/client-node';

interface ExecEnv {
  name: string;
  value: string;
}

/** Gives every exec user the PATH (unless the kubeconfig sets one itself); client-node looks the command up in it. */
export function withExecPath(config: KubeConfig, path: string): KubeConfig {
  config.users = config.users.map((user): User => {
    const exec = execOf(user);
    if (!exec) return user;
    const env: ExecEnv[] = Array.isArray(exec.env) ? (exec.env as ExecEnv[]) : [];
    if (env.some((e) => e.name === 'PATH')) return user;
    return { ...user, exec: { ...exec, env: [...env, { name: 'PATH', value: path }] } };
  });
  return config;
}

/** Whether any user of the kubeconfig gets credentials from an exec plugin (only those need the login shell's PATH). */
export function hasExecUser(config: KubeConfig): boolean {
  return config.users.some((user) => execOf(user) !== null);
}

/** The exec command a user runs for credentials, for messages. */
export function execCommandOf(user: User | null): string | null {
  const exec = user ? execOf(user) : null;
  return exec && typeof exec.command === 'string' ? exec.command : null;
}

function execOf(user: User): Record<string, unknown> | null {
  const exec: unknown = user.exec;
  return typeof exec === 'object' && exec !== null ? (exec as Record<string, unknown>) : null;
}
