// The root CA publisher (kube-controller-manager's root-ca-cert-publisher): a namespace's kube-root-ca.crt ConfigMap
// with the cluster's CA bundle, put back when deleted or changed (namespace-defaults.ts runs it for every open namespace).

import { sameJson, type KubeObject } from '../api/types';
import { R, type ControllerContext } from './context';

export const ROOT_CA_CONFIGMAP = 'kube-root-ca.crt';

const DESCRIPTION =
  'Contains a CA bundle that can be used to verify the kube-apiserver when using internal endpoints such as the internal service IP or kubernetes.default.svc. No other usage is guaranteed across distributions of Kubernetes clusters.';

/** The sandbox cluster's CA (a self-signed P-256 certificate, CN=kubernetes; the API server itself speaks plain HTTP). */
export const SANDBOX_CA_CRT = `-----BEGIN CERTIFICATE-----
MIIBfzCCASWgAwIBAgIUbSrwmqXihFxag8PRCQ6Y/N+NTw4wCgYIKoZIzj0EAwIw
FTETMBEGA1UEAwwKa3ViZXJuZXRlczAeFw0yNjEyMDQyMTQwMzFaFw0zNjEyMDEy
MTQwMzFaMBUxEzARBgNVBAMMCmt1YmVybmV0ZXMwWTATBgcqhkjOPQIBBggqhkjO
PQMBBwNCAASpDXezopZK/UeS63W30iKHmXGFbKxPxdNSKDD/bo8kzNCI16gsTQwa
muJEBRdhUQn61b7kEGg5dbFVMRgZCgGLo1MwUTAdBgNVHQ4EFgQUovBuNb6aH85e
EGz6c/EKnroA+7YwHwYDVR0jBBgwFoAUovBuNb6aH85eEGz6c/EKnroA+7YwDwYD
VR0TAQH/BAUwAwEB/zAKBggqhkjOPQQDAgNIADBFAiEAo1lQG1YVITrCYgZmef1h
e5pRsjkZ/V6A3IGE7BJqAXQCIC9rhgdltMaGPilH+Wh8QkOHMezhzah0Mh03vFVH
GUgS
-----END CERTIFICATE-----
`;

export function publishRootCa(ctx: ControllerContext, namespace: string): void {
  const data = { 'ca.crt': SANDBOX_CA_CRT };
  const annotations = { 'kubernetes.io/description': DESCRIPTION };
  const current = ctx.store.get(R.configmaps, namespace, ROOT_CA_CONFIGMAP);
  if (!current) {
    ctx.store.create(R.configmaps, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: ROOT_CA_CONFIGMAP, namespace, annotations }, data });
    return;
  }
  if (sameJson(current.data, data) && current.metadata.annotations?.['kubernetes.io/description'] === DESCRIPTION) return;
  const fixed: KubeObject = { ...current, metadata: { ...current.metadata, annotations: { ...current.metadata.annotations, ...annotations } }, data };
  ctx.store.update(R.configmaps, fixed);
}
