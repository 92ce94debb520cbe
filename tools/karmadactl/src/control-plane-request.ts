import { existsSync } from 'node:fs';
import { request, type RequestOptions } from 'node:https';
import { KubeConfig } from '@kubernetes/client-node';
import { CliError } from './cli-error.js';

/**
 * One request to a path of the control plane beyond the Kubernetes resource API (/explain, /preview), with the
 * server, CA and token of the control-plane kubeconfig. Answers the parsed JSON of a 2xx response; anything else is a
 * CliError that says what the server said and what to do about it.
 */
export async function controlPlaneRequest(kubeconfigPath: string, method: 'GET' | 'POST', path: string, body?: unknown): Promise<unknown> {
  if (!existsSync(kubeconfigPath)) {
    throw new CliError(`the control-plane kubeconfig ${kubeconfigPath} does not exist; start the stack with \`npm start\` or pass --kubeconfig`);
  }
  const kubeConfig = new KubeConfig();
  try {
    kubeConfig.loadFromFile(kubeconfigPath);
  } catch (error) {
    throw new CliError(`cannot read the control-plane kubeconfig ${kubeconfigPath}: ${(error as Error).message}`);
  }
  const server = kubeConfig.getCurrentCluster()?.server;
  if (!server) throw new CliError(`the control-plane kubeconfig ${kubeconfigPath} names no server in its current context`);
  const url = new URL(path, server);
  const payload = body === undefined ? undefined : JSON.stringify(body);
  const options: RequestOptions = {
    method,
    headers: { accept: 'application/json', ...(payload !== undefined ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) } : {}) },
  };
  await kubeConfig.applyToHTTPSOptions(options);
  const { status, text } = await send(url, options, payload).catch((error: Error) => {
    throw new CliError(`cannot reach the control plane at ${server}: ${error.message}; is it running (\`npm start\`)?`);
  });
  const json = parseJson(text);
  if (status >= 200 && status < 300 && json !== undefined) return json;
  throw new CliError(failureMessage(status, json, text, method, url.pathname));
}

function send(url: URL, options: RequestOptions, payload: string | undefined): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, options, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(payload);
  });
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** A Kubernetes Status as the user should read it: its message, the causes it lists, and a hint for the usual codes. */
function failureMessage(status: number, json: unknown, text: string, method: string, path: string): string {
  const failure = json as { kind?: string; message?: string; reason?: string; details?: { causes?: { field?: string; message?: string }[] } } | undefined;
  if (failure?.kind !== 'Status') return `${method} ${path} answered ${status}: ${text.slice(0, 200) || 'no body'}`;
  const causes = (failure.details?.causes ?? []).filter((c) => c.message && !failure.message?.includes(c.message));
  const listed = causes.map((c) => `\n  ${c.field ? `${c.field}: ` : ''}${c.message}`).join('');
  const hint = status === 401 ? ' (the token of the kubeconfig is not accepted: use the kubeconfig the control plane wrote)' : status === 404 && failure.reason === 'NotFound' && failure.message === 'the server could not find the requested resource' ? ' (the control plane is too old for this command)' : '';
  return `${failure.message ?? `${method} ${path} failed`} (${failure.reason ?? status})${hint}${listed}`;
}
