// The sandbox API server's protobuf codec against bodies kubectl 1.32 really sent (captured with -v=9): decoded to
// the JSON the real server would store, encoded back whole, and refused rather than decoded lossily.

import { describe, expect, it } from 'vitest';
import { decodeProtobuf, encodeProtobuf } from '../../sandbox/emulators/kubernetes/proto/codec';
import { envelopeType } from '../../sandbox/emulators/kubernetes/proto/schema';
import { apiRefusal as refusal } from '../support/hand-driven-cluster';

const hex = (text: string) => Buffer.from(text.replace(/\s+/g, ''), 'hex');
/** kubectl create namespace x */
const NAMESPACE = hex('6b 38 73 00 0a 0f 0a 02 76 31 12 09 4e 61 6d 65 73 70 61 63 65 12 19 0a 11 0a 01 78 12 00 1a 00 22 00 2a 00 32 00 38 00 42 00 12 00 1a 02 0a 00 1a 00 22 00');
/** kubectl create deployment web --image=nginx:1.27 --replicas=0 --port=80 */
const DEPLOYMENT = hex('6b3873000a150a07617070732f7631120a4465706c6f796d656e7412bd010a1f0a0377656212001a0022002a003200380042005a0a0a036170701203776562128b010800120c0a0a0a0361707012037765621a710a1c0a0012001a0022002a003200380042005a0a0a036170701203776562125112330a056e67696e78120a6e67696e783a312e32372a00320a0a001000185022002a0042006a007200800100880100900100a201001a00320042004a0052005800600068008201008a01009a0100c2010022020a00280038001a0c0800100018002000280038001a002200');
/** kubectl create secret generic s --from-literal=password=s3cret */
const SECRET = hex('6b3873000a0c0a027631120653656372657412290a110a017312001a0022002a0032003800420012120a0870617373776f726412067333637265741a001a002200');

function envelope(apiVersion: string, kind: string, raw: Uint8Array): Buffer {
  const type = envelopeType();
  return Buffer.concat([Buffer.from('k8s\0', 'latin1'), type.encode(type.fromObject({ typeMeta: { apiVersion, kind }, raw })).finish()]);
}

describe('the sandbox protobuf codec', () => {
  it('reads kubectl create namespace as the bare Namespace it stands for (empty fields are unset fields)', () => {
    expect(decodeProtobuf(NAMESPACE)).toEqual({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'x' } });
  });

  it('reads kubectl create deployment: replicas 0 is kept (a pointer), zero non-pointer fields are dropped', () => {
    expect(decodeProtobuf(DEPLOYMENT)).toEqual({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web', labels: { app: 'web' } },
      spec: {
        replicas: 0,
        selector: { matchLabels: { app: 'web' } },
        template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'nginx', image: 'nginx:1.27', ports: [{ containerPort: 80 }] }] } },
      },
    });
  });

  it("reads a Secret's bytes as the base64 JSON carries", () => {
    expect(decodeProtobuf(SECRET)).toEqual({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 's' }, data: { password: Buffer.from('s3cret').toString('base64') } });
  });

  it('refuses a body with a field the schema does not know, a kind it has no message for, and a body without the magic', () => {
    const raw = envelopeType().decode(NAMESPACE.subarray(4)) as unknown as { raw: Uint8Array };
    const withUnknownField = envelope('v1', 'Namespace', Buffer.concat([raw.raw, Buffer.from([0x78, 0x01])]));
    expect(refusal(() => decodeProtobuf(withUnknownField))).toMatchObject({ code: 415, message: expect.stringContaining('the Namespace has fields the sandbox API server does not read as protobuf') });
    expect(refusal(() => decodeProtobuf(envelope('rbac.authorization.k8s.io/v1', 'Role', new Uint8Array())))).toMatchObject({ code: 415, message: expect.stringContaining('rbac.authorization.k8s.io/v1 Role') });
    expect(refusal(() => decodeProtobuf(Buffer.from('{"kind":"Namespace"}')))).toMatchObject({ code: 400 });
  });

  it('encodes a stored Deployment whole: timestamps, int-or-string, conditions come back as they went', () => {
    const deployment = {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web', namespace: 'shop', uid: 'u-1', resourceVersion: '42', generation: 3, creationTimestamp: '2026-12-04T15:41:29Z', annotations: { 'deployment.kubernetes.io/revision': '2' } },
      spec: {
        replicas: 3,
        selector: { matchLabels: { app: 'web' } },
        template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image: 'web:1', resources: { limits: { cpu: '500m' } } }], terminationGracePeriodSeconds: 30 } },
        strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: 1 } },
        revisionHistoryLimit: 10,
        progressDeadlineSeconds: 600,
      },
      status: {
        observedGeneration: 3,
        replicas: 3,
        availableReplicas: 3,
        conditions: [{ type: 'Available', status: 'True', reason: 'MinimumReplicasAvailable', message: 'Deployment has minimum availability.', lastUpdateTime: '2026-12-04T15:41:31Z', lastTransitionTime: '2026-12-04T15:41:31Z' }],
      },
    };
    const encoded = encodeProtobuf(deployment);
    expect(encoded?.subarray(0, 4)).toEqual(Buffer.from('k8s\0', 'latin1'));
    expect(decodeProtobuf(encoded!)).toEqual(deployment);
  });

  it('answers JSON (null here) for what the schema cannot carry whole: an unknown field, a kind without a message', () => {
    expect(encodeProtobuf({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, status: { hostIPs: [{ ip: '172.18.0.2' }] } })).toBeNull();
    expect(encodeProtobuf({ apiVersion: 'v1', kind: 'Event', metadata: { name: 'e' } })).toBeNull();
    expect(encodeProtobuf({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' }, data: { a: 1 } })).toBeNull();
  });
});
