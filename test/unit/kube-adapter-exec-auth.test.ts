// Exec credential plugins run asynchronously through client-node, found on the login shell's PATH;
// a failing plugin's stderr reaches the operator verbatim.

import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KubeConfig } from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withExecPath } from '../../adapters/kubernetes/exec-auth';
import { KubeError } from '../../adapters/kubernetes/errors';
import { makeClients } from '../../adapters/kubernetes/kube-clients';
import { resolveLoginPath } from '../../adapters/kubernetes/login-path';

const okPlugin = `#!/bin/sh
count_file="$(dirname "$0")/calls"
echo x >> "$count_file"
sleep 0.2
cat <<JSON
{"apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredential","status":{"token":"plugin-token-$1","expirationTimestamp":"2999-01-01T00:00:00Z"}}
JSON
`;
const failingPlugin = `#!/bin/sh
echo "error: SSO session for profile 'prod' has expired" >&2
echo "  run: aws sso login --profile prod" >&2
exit 1
`;

describe('exec credential plugins', () => {
  let dir: string;
  let server: Server;
  let url: string;
  const seen: IncomingHttpHeaders[] = [];

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'sy-exec-'));
    await writeFile(join(dir, 'fake-login'), okPlugin);
    await writeFile(join(dir, 'fake-expired'), failingPlugin);
    await chmod(join(dir, 'fake-login'), 0o755);
    await chmod(join(dir, 'fake-expired'), 0o755);
    server = createServer((req, res) => {
      seen.push(req.headers);
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ kind: 'PodList', apiVersion: 'v1', metadata: { resourceVersion: '1' }, items: [] }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    await rm(dir, { recursive: true, force: true });
  });

  function configWith(command: string): KubeConfig {
    const kc = new KubeConfig();
    kc.loadFromOptions({
      clusters: [{ name: 'c', server: url, skipTLSVerify: true }],
      users: [{ name: 'u', exec: { apiVersion: 'client.authentication.k8s.io/v1', command, args: ['one'] } }],
      contexts: [{ name: 'ctx', cluster: 'c', user: 'u' }],
      currentContext: 'ctx',
    });
    // The plugin is a bare name: only the login shell's PATH (here: dir) finds it.
    return withExecPath(kc, `${dir}:/usr/bin:/bin`);
  }

  it('runs the plugin without blocking the event loop, sends its token, and caches it until expiry', async () => {
    const clients = makeClients(configWith('fake-login'));
    let ticks = 0;
    const ticker = setInterval(() => ticks++, 10);
    await clients.core.listNamespacedPod({ namespace: 'default' });
    clearInterval(ticker);
    // The plugin sleeps 200 ms: a synchronous spawn would have let no timer run meanwhile.
    expect(ticks).toBeGreaterThan(5);
    expect(seen.at(-1)?.authorization).toBe('Bearer plugin-token-one');
    await clients.core.listNamespacedPod({ namespace: 'default' });
    const { readFile } = await import('node:fs/promises');
    expect((await readFile(join(dir, 'calls'), 'utf8')).trim().split('\n')).toHaveLength(1);
  });

  it("shows a failing plugin's stderr verbatim", async () => {
    const clients = makeClients(configWith('fake-expired'));
    const error = await clients.core.listNamespacedPod({ namespace: 'default' }).catch((e: unknown) => KubeError.of(e, 'context "ctx" (cluster c)'));
    expect(error).toBeInstanceOf(KubeError);
    expect((error as KubeError).message).toBe(
      `context "ctx" (cluster c): error: SSO session for profile 'prod' has expired\n  run: aws sso login --profile prod`,
    );
  });

  it('names a plugin that is not on the PATH', async () => {
    const clients = makeClients(configWith('no-such-plugin'));
    const error = await clients.core.listNamespacedPod({ namespace: 'default' }).catch((e: unknown) => KubeError.of(e, 'ctx'));
    expect((error as KubeError).message).toMatch(/credential plugin "no-such-plugin" was not found on the login shell's PATH/);
  });

  it("resolves the login shell's PATH asynchronously, and falls back on timeout", async () => {
    const script = join(dir, 'fake-shell');
    await writeFile(script, '#!/bin/sh\necho "motd noise"\nPATH=/opt/plugins/bin:/usr/bin\nexport PATH\neval "$3"\n');
    await chmod(script, 0o755);
    expect(await resolveLoginPath({ shell: script, fallback: '/usr/bin:/bin' })).toBe('/opt/plugins/bin:/usr/bin:/bin');
    const slow = join(dir, 'slow-shell');
    await writeFile(slow, '#!/bin/sh\nsleep 5\n');
    await chmod(slow, 0o755);
    expect(await resolveLoginPath({ shell: slow, fallback: '/fallback', timeoutMs: 100 })).toBe('/fallback');
  });
});
