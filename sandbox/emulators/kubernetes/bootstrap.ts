// What every sandbox cluster starts with: the usual namespaces, three kwok-style nodes (with their node Leases),
// the kubernetes Service.

import { microTime, rfc3339 } from './api/time';
import type { KubeObject } from './api/types';

function node(n: number, since: string): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: {
      name: `sandbox-node-${n}`,
      labels: { 'kubernetes.io/hostname': `sandbox-node-${n}`, 'kubernetes.io/os': 'linux', 'kubernetes.io/arch': 'amd64', type: 'kwok' },
      annotations: { 'kwok.x-k8s.io/node': 'fake' },
    },
    spec: {},
    status: {
      phase: 'Running',
      addresses: [
        { type: 'InternalIP', address: `172.18.0.${n + 1}` },
        { type: 'Hostname', address: `sandbox-node-${n}` },
      ],
      allocatable: { cpu: '1k', memory: '1Ti', pods: '1M' },
      capacity: { cpu: '1k', memory: '1Ti', pods: '1M' },
      conditions: [
        { type: 'Ready', status: 'True', lastHeartbeatTime: since, lastTransitionTime: since, reason: 'KubeletReady', message: 'kubelet is posting ready status' },
        { type: 'MemoryPressure', status: 'False', lastHeartbeatTime: since, lastTransitionTime: since, reason: 'KubeletHasSufficientMemory', message: 'kubelet has sufficient memory available' },
        { type: 'DiskPressure', status: 'False', lastHeartbeatTime: since, lastTransitionTime: since, reason: 'KubeletHasNoDiskPressure', message: 'kubelet has no disk pressure' },
        { type: 'PIDPressure', status: 'False', lastHeartbeatTime: since, lastTransitionTime: since, reason: 'KubeletHasSufficientPID', message: 'kubelet has sufficient PID available' },
      ],
      nodeInfo: {
        architecture: 'amd64',
        operatingSystem: 'linux',
        kubeletVersion: 'v1.32.4',
        kubeProxyVersion: 'v1.32.4',
        osImage: 'Switchyard sandbox',
        kernelVersion: 'kwok-v0.7.0',
        containerRuntimeVersion: 'kwok-v0.7.0',
      },
    },
  };
}

/** The Lease a node's kubelet holds in kube-node-lease (kubectl describe node reads it). */
function nodeLease(n: number, renewed: string): KubeObject {
  const name = `sandbox-node-${n}`;
  return {
    apiVersion: 'coordination.k8s.io/v1',
    kind: 'Lease',
    metadata: { name, namespace: 'kube-node-lease' },
    spec: { holderIdentity: name, leaseDurationSeconds: 40, renewTime: renewed },
  };
}

/** `now`: world ms the cluster starts at (the nodes' heartbeat and lease times). */
export function bootstrapObjects(now: number): KubeObject[] {
  const nodes = [1, 2, 3];
  return [
    ...['default', 'kube-system', 'kube-public', 'kube-node-lease'].map((name) => ({ apiVersion: 'v1', kind: 'Namespace', metadata: { name } })),
    ...nodes.map((n) => node(n, rfc3339(now))),
    ...nodes.map((n) => nodeLease(n, microTime(now))),
    {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'kubernetes', namespace: 'default', labels: { component: 'apiserver', provider: 'kubernetes' } },
      spec: { ports: [{ name: 'https', port: 443, targetPort: 6443 }] },
    },
  ];
}
