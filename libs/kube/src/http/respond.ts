import type { ServerResponse } from 'node:http';
import type { KubeStatusError } from '../api/status.js';

/** Writing JSON responses and Status errors. `body`: a value, or its JSON already (a string or UTF-8 bytes). */
export function sendJson(res: ServerResponse, code: number, body: unknown, contentType = 'application/json', warnings: readonly string[] = []): void {
  // Encoded once: its length is the Content-Length (Buffer.byteLength would read the whole string a second time).
  const payload = Buffer.isBuffer(body) ? body : Buffer.from(typeof body === 'string' ? body : JSON.stringify(body));
  const headers: Record<string, string | string[]> = { 'Content-Type': contentType, 'Content-Length': String(payload.length), 'Cache-Control': 'no-cache, private' };
  if (warnings.length > 0) headers['Warning'] = warnings.map((w) => `299 - ${JSON.stringify(w)}`);
  res.writeHead(code, headers);
  res.end(payload);
}

export function sendStatus(res: ServerResponse, error: KubeStatusError): void {
  if (res.headersSent) {
    res.end();
    return;
  }
  sendJson(res, error.code, error.status);
}

export function sendText(res: ServerResponse, code: number, text: string): void {
  res.writeHead(code, { 'Content-Type': 'text/plain; charset=utf-8', 'Content-Length': String(Buffer.byteLength(text)), 'X-Content-Type-Options': 'nosniff' });
  res.end(text);
}

/**
 * Resolves once a response whose write was refused (write() returned false) may take more: true on 'drain', false
 * when the connection closed first.
 */
export function drainedOrClosed(res: ServerResponse): Promise<boolean> {
  return new Promise((resolve) => {
    const onDrain = () => settle(true);
    const onClose = () => settle(false);
    const settle = (writable: boolean) => {
      res.off('drain', onDrain);
      res.off('close', onClose);
      resolve(writable);
    };
    res.on('drain', onDrain);
    res.on('close', onClose);
  });
}
