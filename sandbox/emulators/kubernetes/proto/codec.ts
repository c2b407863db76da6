// The protobuf wire form of built-in objects: the "k8s\0" magic, the runtime.Unknown envelope (typeMeta, raw), and
// the object's message inside it; decodes request bodies and encodes responses when the schema covers every field.

import { ApiError } from '../api/errors';
import { isRecord, type KubeObject } from '../api/types';
import { NotInSchema, toJsonObject, toProtoObject } from './json-proto';
import { envelopeType, messageFor } from './schema';

export const PROTOBUF = 'application/vnd.kubernetes.protobuf';
const MAGIC = Buffer.from([0x6b, 0x38, 0x73, 0x00]);
const TO_OBJECT = { longs: Number, bytes: String, defaults: false } as const;

function badBody(message: string): ApiError {
  return new ApiError(400, 'BadRequest', `error decoding protobuf body: ${message}`);
}

/** A protobuf request body as the JSON object it stands for (apiVersion and kind from the envelope). */
export function decodeProtobuf(body: Buffer): KubeObject {
  if (body.length < 4 || !body.subarray(0, 4).equals(MAGIC)) throw badBody('the body does not start with the k8s\\0 magic');
  let envelope: { typeMeta?: { apiVersion?: string; kind?: string }; raw?: Uint8Array; contentEncoding?: string };
  try {
    envelope = envelopeType().decode(body.subarray(4)) as typeof envelope;
  } catch (error) {
    throw badBody((error as Error).message);
  }
  const apiVersion = envelope.typeMeta?.apiVersion ?? '';
  const kind = envelope.typeMeta?.kind ?? '';
  if (envelope.contentEncoding) throw badBody(`content encoding ${envelope.contentEncoding} is not supported`);
  const type = messageFor(apiVersion, kind);
  if (!type) {
    throw new ApiError(415, 'UnsupportedMediaType', `the sandbox API server does not read ${apiVersion} ${kind} as protobuf: send it as application/json (e.g. kubectl apply -f)`);
  }
  const raw = envelope.raw ?? new Uint8Array();
  let decoded;
  try {
    decoded = type.decode(raw);
  } catch (error) {
    throw badBody((error as Error).message);
  }
  // Every field the client sent must be one the schema knows: a re-encoded message of another size lost one.
  if (type.encode(decoded).finish().length !== raw.length) {
    throw new ApiError(415, 'UnsupportedMediaType', `the ${kind} has fields the sandbox API server does not read as protobuf: send it as application/json (e.g. kubectl apply -f)`);
  }
  return { apiVersion, kind, ...toJsonObject(type, type.toObject(decoded, TO_OBJECT)) } as KubeObject;
}

/** The protobuf form of a JSON object or list, or null when the schema lacks its kind or one of its fields. */
export function encodeProtobuf(object: Record<string, unknown>): Buffer | null {
  const apiVersion = typeof object.apiVersion === 'string' ? object.apiVersion : '';
  const kind = typeof object.kind === 'string' ? object.kind : '';
  const type = messageFor(apiVersion, kind);
  if (!type) return null;
  const { apiVersion: _a, kind: _k, ...rest } = object;
  if (Array.isArray(rest.items)) rest.items = rest.items.map((item) => (isRecord(item) ? Object.fromEntries(Object.entries(item).filter(([k]) => k !== 'apiVersion' && k !== 'kind')) : item));
  let raw: Uint8Array;
  try {
    raw = type.encode(type.fromObject(toProtoObject(type, rest))).finish();
  } catch (error) {
    if (error instanceof NotInSchema) return null;
    throw error;
  }
  const envelope = envelopeType();
  const unknown = envelope.encode(envelope.fromObject({ typeMeta: { apiVersion, kind }, raw, contentEncoding: '', contentType: '' })).finish();
  return Buffer.concat([MAGIC, unknown]);
}

/** Whether the client's first choice (Accept) is protobuf. */
export function prefersProtobuf(accept: string | undefined): boolean {
  const first = (accept ?? '').split(',')[0]?.split(';')[0]?.trim().toLowerCase();
  return first === PROTOBUF;
}
