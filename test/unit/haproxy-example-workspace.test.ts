// The documented real-HAProxy workspace example stays a valid workspace file.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { workspaceConfigSchema } from '../../adapters/registry';

describe('resources/workspaces/real-haproxy.example.yaml', () => {
  it('parses as a workspace with an HAProxy target, its runtime API and log target', () => {
    const path = fileURLToPath(new URL('../../resources/workspaces/real-haproxy.example.yaml', import.meta.url));
    const workspace = workspaceConfigSchema.parse(parse(readFileSync(path, 'utf8')));
    expect(workspace.targets[0]).toMatchObject({ platform: 'haproxy', runtimeApi: 'unix:///run/haproxy/admin.sock', logListen: 'udp://127.0.0.1:5514' });
  });
});
