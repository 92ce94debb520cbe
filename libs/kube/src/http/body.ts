import type { IncomingMessage } from 'node:http';
import { parse as parseYaml } from 'yaml';
import { badRequest, requestEntityTooLarge, unsupportedBodyContent } from '../api/status.js';
import { decodeKubeProtobuf } from '../protobuf/kube-protobuf.js';
import { UndecodableProtobufError } from '../protobuf/message-decoder.js';
import { MalformedProtobufError } from '../protobuf/wire-reader.js';

/** Reads a request body up to `limit` bytes (413 beyond it). */
export function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  const declared = Number(req.headers['content-length'] ?? NaN);
  if (Number.isFinite(declared) && declared > limit) {
    req.resume();
    return Promise.reject(requestEntityTooLarge(limit));
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let failed = false;
    req.on('data', (chunk: Buffer) => {
      if (failed) return;
      size += chunk.length;
      if (size > limit) {
        failed = true;
        reject(requestEntityTooLarge(limit));
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      if (!failed) resolve(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks));
    });
    req.on('error', (error) => {
      if (!failed) reject(error);
    });
  });
}

/** Decodes a JSON or YAML body (400 when malformed); an empty body is undefined. */
export function decodeBody(body: Buffer, yaml: boolean): unknown {
  const text = body.toString('utf8');
  if (text.trim() === '') return undefined;
  const first = text.trimStart()[0];
  if (!yaml || first === '{' || first === '[') {
    try {
      return JSON.parse(text);
    } catch (error) {
      if (!yaml) throw badRequest(`the body of the request could not be decoded as JSON: ${(error as Error).message}`);
    }
  }
  try {
    return parseYaml(text);
  } catch (error) {
    throw badRequest(`the body of the request could not be decoded as YAML: ${(error as Error).message}`);
  }
}

/**
 * Decodes a Kubernetes protobuf body (kubectl 1.32+ sends built-in kinds so) into the object its JSON would be: 400
 * when malformed, 415 naming the kind or field this server does not decode; an empty body is undefined.
 */
export function decodeProtobufBody(body: Buffer): unknown {
  if (body.length === 0) return undefined;
  try {
    return decodeKubeProtobuf(body);
  } catch (error) {
    if (error instanceof MalformedProtobufError) throw badRequest(`the body of the request could not be decoded as protobuf: ${error.message}`);
    if (error instanceof UndecodableProtobufError) {
      throw unsupportedBodyContent(`${error.message}; send the object as JSON instead, e.g. kubectl create … --dry-run=client -o yaml | kubectl apply -f -`);
    }
    throw error;
  }
}
