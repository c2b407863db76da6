// The calm sandbox's Kubernetes `recommendations` service releases shadow first: mirror 20 %, a pause, then the ladder,
// and the host describes it as a service whose traffic can be mirrored (HAProxy's cannot).

import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { describeStep, validatePlan } from '../../app/plans';
import { haproxyTargetSchema } from '../../adapters/haproxy/index';
import { kubernetesTargetSchema } from '../../adapters/kubernetes/index';
import { mirrorSupport } from '../../adapters/registry';
import { sandboxKubeTargets } from '../../sandbox/world/kubernetes/targets';
import { kubeServiceObjects } from '../../sandbox/world/kubernetes/seed';
import { loadScenario } from '../../sandbox/world/scenario/load';

const dir = join(__dirname, '..', '..', 'resources', 'scenarios');

describe('calm sandbox: shadow traffic for recommendations', () => {
  it('plans mirror 20 %, a pause, then the canary ladder, on a VirtualService that can mirror', async () => {
    const calm = await loadScenario(dir, 'calm');
    const recs = calm.kubernetes!.services.find((s) => s.id === 'recommendations')!;
    const { description } = kubeServiceObjects(calm.kubernetes!.namespace, recs);
    const target = kubernetesTargetSchema.parse(sandboxKubeTargets({ kubeconfigPath: '/tmp/kubeconfig', context: 'sandbox', namespace: 'shop', services: [description] })[0]);
    const config = target.services[0]!;
    expect(config.plan).toBeDefined();
    expect(validatePlan(config.plan!)).toEqual([]);
    expect(config.plan!.steps.slice(0, 3).map(describeStep)).toEqual(['Mirror 20 % to the candidate (shadow)', 'Pause 2 min', 'Set weight 10 %']);
    expect(config.plan!.steps.at(-1)).toEqual({ kind: 'setWeight', percent: 100 });
    expect(mirrorSupport(target, config)).toEqual({ canMirror: true });
  });

  it('says HAProxy cannot mirror', () => {
    const target = haproxyTargetSchema.parse({
      id: 'lb', platform: 'haproxy', runtimeApi: 'tcp://127.0.0.1:9999',
      services: [{ id: 'web', backend: 'web', strategy: 'canary', stable: 'a', candidate: 'b', versions: { a: ['a1'], b: ['b1'] } }],
    });
    expect(mirrorSupport(target, target.services[0]!)).toEqual({ canMirror: false, cannotMirror: 'HAProxy cannot mirror traffic' });
  });
});
