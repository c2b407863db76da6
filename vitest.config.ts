import { readFile } from 'node:fs/promises';
import { defineConfig } from 'vitest/config';

/** `.proto` files import as their text, as scripts/build.mjs bundles them (the sandbox Kubernetes protobuf schema). */
const protoAsText = {
  name: 'proto-as-text',
  async load(id: string) {
    return id.endsWith('.proto') ? `export default ${JSON.stringify(await readFile(id, 'utf8'))};` : null;
  },
};

export default defineConfig({
  plugins: [protoAsText],
  test: {
    include: ['test/unit/**/*.test.ts', 'test/integration/**/*.test.ts', 'test/faults/**/*.test.ts'],
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: 'forks',
  },
});
