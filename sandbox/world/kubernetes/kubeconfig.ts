// The kubeconfig that reaches the sandbox API server, as kubectl and client libraries read it.

import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { stringify } from 'yaml';

export const SANDBOX_CONTEXT = 'switchyard-sandbox';

export function kubeconfigText(server: string, namespace: string): string {
  const config = {
    apiVersion: 'v1',
    kind: 'Config',
    preferences: {},
    clusters: [{ name: SANDBOX_CONTEXT, cluster: { server, 'insecure-skip-tls-verify': true } }],
    users: [{ name: SANDBOX_CONTEXT, user: { token: 'switchyard-sandbox' } }],
    contexts: [{ name: SANDBOX_CONTEXT, context: { cluster: SANDBOX_CONTEXT, user: SANDBOX_CONTEXT, namespace } }],
    'current-context': SANDBOX_CONTEXT,
  };
  const header = [
    '# kubeconfig for the Switchyard sandbox Kubernetes API server (plain HTTP on loopback; any token is accepted).',
    '# Rewritten every time the sandbox starts: the port changes.',
    '',
  ].join('\n');
  return header + stringify(config);
}

export async function writeKubeconfig(dir: string, text: string): Promise<string> {
  await mkdir(dir, { recursive: true });
  const path = join(dir, 'kubeconfig');
  await writeFile(path, text, { encoding: 'utf8', mode: 0o600 });
  return path;
}
