// Kubernetes JSON ↔ protobuf message objects, field by field from the schema: timestamps, int-or-string, quantities,
// base64 bytes, embedded (inline) structs, and Go's omitempty (a zero non-pointer field is an unset field).

import type { Field, Type } from 'protobufjs';
import { isInline, isPointer, specialKind } from './schema';

type Obj = Record<string, unknown>;

/** A JSON member the schema has no field for: encoding it would lose it. */
export class NotInSchema extends Error {}

const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const message = (field: Field): Type | null => (field.resolvedType && 'fieldsArray' in field.resolvedType ? (field.resolvedType as Type) : null);

/** JSON keys an inline field takes from its parent object. */
function jsonKeys(type: Type): string[] {
  return type.fieldsArray.flatMap((f) => (isInline(f) && message(f) ? jsonKeys(message(f)!) : [f.name]));
}

function parseTime(value: unknown, path: string): Obj {
  const ms = typeof value === 'string' ? Date.parse(value) : NaN;
  if (Number.isNaN(ms)) throw new NotInSchema(`${path}: not a timestamp`);
  const micros = typeof value === 'string' ? /\.(\d+)/.exec(value)?.[1] : undefined;
  return { seconds: Math.floor(ms / 1000), nanos: micros ? Number(micros.padEnd(9, '0').slice(0, 9)) : 0 };
}

function scalarToProto(field: Field, value: unknown, path: string): unknown {
  switch (field.type) {
    case 'string':
      if (typeof value !== 'string') throw new NotInSchema(`${path}: not a string`);
      return value;
    case 'bool':
      if (typeof value !== 'boolean') throw new NotInSchema(`${path}: not a boolean`);
      return value;
    case 'bytes':
      if (typeof value !== 'string') throw new NotInSchema(`${path}: not base64`);
      return Buffer.from(value, 'base64');
    default:
      if (typeof value !== 'number' || !Number.isInteger(value)) throw new NotInSchema(`${path}: not an integer`);
      return value;
  }
}

function valueToProto(field: Field, value: unknown, path: string): unknown {
  const type = message(field);
  if (!type) return scalarToProto(field, value, path);
  switch (specialKind(type)) {
    case 'time':
    case 'microtime':
      return parseTime(value, path);
    case 'intorstring':
      if (typeof value === 'number') return { type: 0, intVal: value };
      if (typeof value === 'string') return { type: 1, strVal: value };
      throw new NotInSchema(`${path}: not a number or string`);
    case 'quantity':
      if (typeof value !== 'string' && typeof value !== 'number') throw new NotInSchema(`${path}: not a quantity`);
      return { string: String(value) };
    default:
      return toProtoObject(type, value, path);
  }
}

/** A JSON object as the plain object protobufjs `fromObject` takes; throws NotInSchema for anything it would drop. */
export function toProtoObject(type: Type, json: unknown, path = ''): Obj {
  if (!isObj(json)) throw new NotInSchema(`${path || type.name}: not an object`);
  const out: Obj = {};
  const taken = new Set<string>();
  for (const field of type.fieldsArray) {
    const fieldPath = path ? `${path}.${field.name}` : field.name;
    if (isInline(field) && message(field)) {
      const keys = jsonKeys(message(field)!);
      const part = Object.fromEntries(Object.entries(json).filter(([k]) => keys.includes(k)));
      keys.forEach((k) => taken.add(k));
      if (Object.keys(part).length) out[field.name] = toProtoObject(message(field)!, part, path);
      continue;
    }
    taken.add(field.name);
    const value = json[field.name];
    if (value === undefined || value === null) continue;
    if (field.map) {
      if (!isObj(value)) throw new NotInSchema(`${fieldPath}: not a map`);
      out[field.name] = Object.fromEntries(Object.entries(value).map(([k, v]) => [k, valueToProto(field, v, `${fieldPath}.${k}`)]));
    } else if (field.repeated) {
      if (!Array.isArray(value)) throw new NotInSchema(`${fieldPath}: not a list`);
      out[field.name] = value.map((v, i) => valueToProto(field, v, `${fieldPath}[${i}]`));
    } else out[field.name] = valueToProto(field, value, fieldPath);
  }
  for (const key of Object.keys(json)) {
    if (!taken.has(key) && json[key] !== null && json[key] !== undefined) throw new NotInSchema(`${path ? `${path}.` : ''}${key}: not in the sandbox's protobuf schema`);
  }
  return out;
}

function formatTime(value: Obj, micro: boolean): string | undefined {
  const seconds = Number(value.seconds ?? 0);
  const nanos = Number(value.nanos ?? 0);
  if (seconds === 0 && nanos === 0) return undefined;
  const base = new Date(seconds * 1000).toISOString().replace(/\.\d+Z$/, '');
  return micro ? `${base}.${String(Math.floor(nanos / 1000)).padStart(6, '0')}Z` : `${base}Z`;
}

const isEmpty = (v: unknown): boolean => v === undefined || (Array.isArray(v) && v.length === 0) || (isObj(v) && Object.keys(v).length === 0);

function valueToJson(field: Field, value: unknown): unknown {
  const type = message(field);
  if (!type) return value;
  const v = isObj(value) ? value : {};
  switch (specialKind(type)) {
    case 'time':
      return formatTime(v, false);
    case 'microtime':
      return formatTime(v, true);
    case 'intorstring':
      return Number(v.type ?? 0) === 1 ? String(v.strVal ?? '') : Number(v.intVal ?? 0);
    case 'quantity':
      return String(v.string ?? '0');
    default:
      return toJsonObject(type, v);
  }
}

/** A decoded message (protobufjs `toObject` with longs as numbers, bytes as base64) as Kubernetes JSON. */
export function toJsonObject(type: Type, object: Obj): Obj {
  const out: Obj = {};
  for (const field of type.fieldsArray) {
    const value = object[field.name];
    if (value === undefined || value === null) continue;
    let json: unknown;
    if (field.map) json = Object.fromEntries(Object.entries(value as Obj).map(([k, v]) => [k, valueToJson(field, v)]));
    else if (field.repeated) json = (value as unknown[]).map((v) => valueToJson(field, v));
    else json = valueToJson(field, value);
    if (isInline(field) && isObj(json)) {
      Object.assign(out, json);
      continue;
    }
    const zero = json === '' || json === 0 || json === false || isEmpty(json);
    if (json === undefined || (zero && !isPointer(field))) continue;
    out[field.name] = json;
  }
  return out;
}
