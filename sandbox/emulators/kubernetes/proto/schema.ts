// The protobuf schema of the built-in kinds the sandbox speaks as protobuf: the .proto files beside this one,
// parsed once with protobufjs, and which message each apiVersion/kind (and its list) is.

import { parse, Root, type Field, type Type } from 'protobufjs';
import apps from './apps.proto';
import authentication from './authentication.proto';
import authorization from './authorization.proto';
import autoscalingV1 from './autoscaling-v1.proto';
import autoscalingV2 from './autoscaling-v2.proto';
import batch from './batch.proto';
import container from './container.proto';
import core from './core.proto';
import meta from './meta.proto';
import networking from './networking.proto';
import pod from './pod.proto';
import volume from './volume.proto';

export const META = 'k8s.io.apimachinery.pkg.apis.meta.v1';

function load(): Root {
  const root = new Root();
  for (const text of [meta, core, pod, container, volume, apps, authentication, authorization, autoscalingV1, autoscalingV2, batch, networking]) parse(text, root, { keepCase: true, alternateCommentMode: true });
  root.resolveAll();
  return root;
}

export const PROTO_ROOT = load();

const PACKAGES: Record<string, string> = {
  v1: 'k8s.io.api.core.v1',
  'apps/v1': 'k8s.io.api.apps.v1',
  'authentication.k8s.io/v1': 'k8s.io.api.authentication.v1',
  'authorization.k8s.io/v1': 'k8s.io.api.authorization.v1',
  'batch/v1': 'k8s.io.api.batch.v1',
  'autoscaling/v1': 'k8s.io.api.autoscaling.v1',
  'autoscaling/v2': 'k8s.io.api.autoscaling.v2',
  'networking.k8s.io/v1': 'k8s.io.api.networking.v1',
};

/** The message of `kind` (e.g. Deployment, DeploymentList) in `apiVersion`, or null when the sandbox has none. */
export function messageFor(apiVersion: string, kind: string): Type | null {
  const pkg = PACKAGES[apiVersion];
  if (!pkg) return null;
  const found = PROTO_ROOT.lookup(`${pkg}.${kind}`);
  return found && 'fieldsArray' in found ? (found as Type) : null;
}

export function envelopeType(): Type {
  return PROTO_ROOT.lookupType(`${META}.Unknown`);
}

const option = (field: Field, name: string): unknown => field.options?.[`(${name})`];

/** A Go pointer field: a zero value that was sent is kept (replicas: 0), not dropped as an unset field. */
export const isPointer = (field: Field): boolean => option(field, 'pointer') === true;
/** An embedded Go struct: its fields sit in the parent's JSON object. */
export const isInline = (field: Field): boolean => option(field, 'inline') === true;
export const isRequired = (field: Field): boolean => option(field, 'required') === true;
export const patchMergeKey = (field: Field): string | undefined => option(field, 'patchMergeKey') as string | undefined;
export const patchStrategy = (field: Field): string | undefined => option(field, 'patchStrategy') as string | undefined;

/** The message types whose JSON form is not an object: a timestamp, a number-or-string, a quantity. */
export function specialKind(type: Type | null): 'time' | 'microtime' | 'intorstring' | 'quantity' | null {
  switch (type?.fullName) {
    case `.${META}.Time`:
      return 'time';
    case `.${META}.MicroTime`:
      return 'microtime';
    case `.${META}.IntOrString`:
      return 'intorstring';
    case `.${META}.Quantity`:
      return 'quantity';
    default:
      return null;
  }
}
