// Discovery documents: /version, /api, /apis and the per group-version resource lists.

import { groupVersion, RESOURCES, servedVersions, verbs, type ResourceType } from '../api/resources';

export const SERVER_VERSION = {
  major: '1',
  minor: '32',
  gitVersion: 'v1.32.4-switchyard-sandbox',
  gitCommit: '0000000000000000000000000000000000000000',
  gitTreeState: 'clean',
  buildDate: '2026-01-01T00:00:00Z',
  goVersion: 'go1.23.8',
  compiler: 'gc',
  platform: 'linux/amd64',
};

export function apiVersions(serverAddress: string) {
  return { kind: 'APIVersions', versions: ['v1'], serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress }] };
}

function groups(): { name: string; versions: string[] }[] {
  const out: { name: string; versions: string[] }[] = [];
  for (const r of RESOURCES) {
    if (!r.group) continue;
    let g = out.find((x) => x.name === r.group);
    if (!g) {
      g = { name: r.group, versions: [] };
      out.push(g);
    }
    for (const v of servedVersions(r)) if (!g.versions.includes(v)) g.versions.push(v);
  }
  return out;
}

function groupDoc(g: { name: string; versions: string[] }) {
  const preferred = g.versions[0] ?? 'v1';
  return {
    name: g.name,
    versions: g.versions.map((version) => ({ groupVersion: `${g.name}/${version}`, version })),
    preferredVersion: { groupVersion: `${g.name}/${preferred}`, version: preferred },
  };
}

export function apiGroupList() {
  return { kind: 'APIGroupList', apiVersion: 'v1', groups: groups().map(groupDoc) };
}

export function apiGroup(name: string) {
  const g = groups().find((x) => x.name === name);
  return g ? { kind: 'APIGroup', apiVersion: 'v1', ...groupDoc(g) } : null;
}

function resourceEntries(r: ResourceType) {
  const main = {
    name: r.name,
    singularName: r.singular,
    namespaced: r.namespaced,
    kind: r.kind,
    verbs: verbs(r),
    ...(r.shortNames ? { shortNames: r.shortNames } : {}),
    ...(r.categories ? { categories: r.categories } : {}),
  };
  const subs = [];
  if (r.status) subs.push({ name: `${r.name}/status`, singularName: '', namespaced: r.namespaced, kind: r.kind, verbs: ['get', 'patch', 'update'] });
  if (r.scale) subs.push({ name: `${r.name}/scale`, singularName: '', namespaced: r.namespaced, group: 'autoscaling', version: 'v1', kind: 'Scale', verbs: ['get', 'patch', 'update'] });
  if (r.token) subs.push({ name: `${r.name}/token`, singularName: '', namespaced: r.namespaced, group: 'authentication.k8s.io', version: 'v1', kind: 'TokenRequest', verbs: ['create'] });
  return [main, ...subs];
}

export function apiResourceList(group: string, version: string) {
  const resources = RESOURCES.filter((r) => r.group === group && servedVersions(r).includes(version));
  if (resources.length === 0) return null;
  return {
    kind: 'APIResourceList',
    apiVersion: 'v1',
    groupVersion: groupVersion({ group, version }),
    resources: resources.flatMap(resourceEntries),
  };
}
