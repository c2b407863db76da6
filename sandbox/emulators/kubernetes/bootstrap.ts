// What every sandbox cluster starts with: the usual namespaces, three kwok-style nodes, the kubernetes Service.

import type { KubeObject } from './api/types';

function node(n: number): KubeObject {
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
        { type: 'Ready', status: 'True', reason: 'KubeletReady', message: 'kubelet is posting ready status' },
        { type: 'MemoryPressure', status: 'False', reason: 'KubeletHasSufficientMemory', message: 'kubelet has sufficient memory available' },
        { type: 'DiskPressure', status: 'False', reason: 'KubeletHasNoDiskPressure', message: 'kubelet has no disk pressure' },
        { type: 'PIDPressure', status: 'False', reason: 'KubeletHasSufficientPID', message: 'kubelet has sufficient PID available' },
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

export function bootstrapObjects(): KubeObject[] {
  return [
    ...['default', 'kube-system', 'kube-public', 'kube-node-lease'].map((name) => ({ apiVersion: 'v1', kind: 'Namespace', metadata: { name } })),
    node(1),
    node(2),
    node(3),
    {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'kubernetes', namespace: 'default', labels: { component: 'apiserver', provider: 'kubernetes' } },
      spec: { ports: [{ name: 'https', port: 443, targetPort: 6443 }] },
    },
  ];
}
