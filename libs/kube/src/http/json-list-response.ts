import type { ServerResponse } from 'node:http';
import { drainedOrClosed, sendJson } from './respond.js';

/**
 * Bytes gathered before each write. A list that fits in one chunk goes out as sendJson sends everything (with a
 * Content-Length); a larger one goes out chunk by chunk.
 */
const chunkBytes = 256 * 1024;

/**
 * Sends a JSON body with one large array (a list's `items`, a Table's `rows`), producing exactly the bytes
 * JSON.stringify(body) would. A list larger than one chunk is written element by element with chunked transfer
 * encoding, and each chunk waits until the client has taken the previous ones. 10,000 Deployments with their members'
 * conditions come to about 57 MB of JSON. Written as one string, a list took about 1.6 times as long, 100–360 MiB
 * more peak RSS, and held the event loop for the whole serialization (docs/performance.md, session 15).
 *
 * Once the first chunk is out, the status code has been sent. A failure after that breaks the connection
 * (res.destroy), so the client cannot take a truncated body for a whole one. When the client goes away, writing stops.
 */
export async function sendJsonList(res: ServerResponse, code: number, body: object, arrayField: string, contentType = 'application/json'): Promise<void> {
  const array = (body as Record<string, unknown>)[arrayField];
  if (!Array.isArray(array)) return sendJson(res, code, body, contentType);
  const chunks = jsonChunks(body, arrayField, array);
  const first = chunks.next();
  const second = chunks.next();
  if (first.done || second.done) return sendJson(res, code, first.value ?? JSON.stringify(body), contentType);
  res.writeHead(code, { 'Content-Type': contentType, 'Cache-Control': 'no-cache, private' });
  try {
    if (!(await written(res, first.value)) || !(await written(res, second.value))) return;
    for (const chunk of chunks) if (!(await written(res, chunk))) return;
    res.end();
  } catch (error) {
    res.destroy(error as Error);
  }
}

/**
 * The UTF-8 JSON of `body` in chunks of about chunkBytes, the members of `array` (its `arrayField`) one by one. Keys
 * are written in the body's own order; values JSON.stringify leaves out (undefined, functions) are left out here too,
 * and an array element that is one of them becomes null, as JSON.stringify does.
 *
 * Each piece is encoded straight into the chunk's buffer: a chunk built as a string was a rope of thousands of
 * pieces, which the response flattened, measured (Buffer.byteLength for the chunk header) and encoded again.
 */
export function* jsonChunks(body: object, arrayField: string, array: readonly unknown[]): Generator<Buffer, void> {
  const chunk = new ChunkBuffer();
  chunk.add('{');
  let separator = '';
  for (const [key, value] of Object.entries(body)) {
    if (key !== arrayField) {
      const json = JSON.stringify(value) as string | undefined;
      if (json === undefined) continue;
      chunk.add(`${separator}${JSON.stringify(key)}:${json}`);
      separator = ',';
      continue;
    }
    chunk.add(`${separator}${JSON.stringify(key)}:[`);
    separator = ',';
    for (let i = 0; i < array.length; i++) {
      if (i > 0) chunk.add(',');
      chunk.add((JSON.stringify(array[i]) as string | undefined) ?? 'null');
      if (chunk.full) yield chunk.take();
    }
    chunk.add(']');
  }
  chunk.add('}');
  yield chunk.take();
}

/**
 * UTF-8 bytes gathered for one chunk. Its buffer holds twice a chunk, so that a piece added below chunkBytes always
 * fits (pieces are list items, a few KB each); a piece that does not fit starts a buffer of its own, and the chunk is
 * then what was gathered in both.
 */
class ChunkBuffer {
  private buffer = Buffer.allocUnsafe(2 * chunkBytes);
  private used = 0;
  /** Bytes gathered in earlier buffers of this chunk. */
  private readonly earlier: Buffer[] = [];

  get full(): boolean {
    return this.used >= chunkBytes || this.earlier.length > 0;
  }

  add(piece: string): void {
    // A UTF-16 code unit takes at most 3 bytes in UTF-8.
    if (piece.length * 3 > this.buffer.length - this.used) {
      this.earlier.push(this.buffer.subarray(0, this.used));
      this.buffer = Buffer.allocUnsafe(Math.max(2 * chunkBytes, piece.length * 3));
      this.used = 0;
    }
    this.used += this.buffer.write(piece, this.used);
  }

  /** What was gathered, as one buffer; the next pieces go into a new one. */
  take(): Buffer {
    const current = this.buffer.subarray(0, this.used);
    const taken = this.earlier.length === 0 ? current : Buffer.concat([...this.earlier, current]);
    this.earlier.length = 0;
    this.buffer = Buffer.allocUnsafe(2 * chunkBytes);
    this.used = 0;
    return taken;
  }
}

/** Writes a chunk; resolves true once the response may take more, false when the connection closed first. */
function written(res: ServerResponse, chunk: Buffer): Promise<boolean> {
  if (res.destroyed) return Promise.resolve(false);
  return res.write(chunk) ? Promise.resolve(true) : drainedOrClosed(res);
}
