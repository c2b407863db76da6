// A request's object from its body in JSON, YAML or protobuf (kubectl sends built-in kinds as protobuf).

import type { IncomingMessage } from 'node:http';
import { parse as parseYaml } from 'yaml';
import { badRequest, unsupportedMediaType } from '../api/errors';
import { decodeProtobuf, PROTOBUF } from '../proto/codec';
import { readBytes } from './respond';

export interface RequestObject {
  object: unknown;
  /** The body was protobuf: its kind came from the envelope, not from the client's JSON. */
  protobuf: boolean;
}

/** The body decoded by its content type; an undecodable body is a 400, an unknown type a 415. */
export async function readRequestObject(req: IncomingMessage): Promise<RequestObject> {
  const media = (req.headers['content-type'] ?? 'application/json').split(';')[0]?.trim().toLowerCase();
  if (media === PROTOBUF) return { object: decodeProtobuf(await readBytes(req)), protobuf: true };
  if (media !== 'application/json' && media !== 'application/yaml' && media !== '*/*') {
    throw unsupportedMediaType(['application/json', 'application/yaml', PROTOBUF]);
  }
  const text = (await readBytes(req)).toString('utf8');
  try {
    return { object: media === 'application/yaml' ? parseYaml(text) : JSON.parse(text), protobuf: false };
  } catch (error) {
    throw badRequest(`error decoding body: ${(error as Error).message}`);
  }
}
