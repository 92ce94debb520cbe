import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { generateServerTls, type ServerTls } from '@karmada-ts/kube';

export interface GatewayTlsSource {
  readonly stateDir: string;
  /** GATEWAY_TLS_CERT / GATEWAY_TLS_KEY: PEM files to serve with instead of the generated ones. */
  readonly certFile: string | undefined;
  readonly keyFile: string | undefined;
}

export class GatewayTlsError extends Error {}

/** Where the generated CA and server certificate live. */
export function gatewayTlsDir(stateDir: string): string {
  return join(stateDir, 'gateway-tls');
}

/**
 * The gateway's serving certificate: the given files, or a self-signed CA and a server certificate for this host
 * generated into `<stateDir>/gateway-tls` on the first start (ca.crt is what kubeconfigs trust). With given files,
 * kubeconfigs trust the certificate itself (right for a self-signed one; a CA-issued one needs the CA instead).
 */
export function loadGatewayTls(source: GatewayTlsSource): ServerTls {
  if (source.certFile || source.keyFile) {
    if (!source.certFile || !source.keyFile) throw new GatewayTlsError('set both GATEWAY_TLS_CERT and GATEWAY_TLS_KEY, or neither');
    const certPem = readFileSync(source.certFile, 'utf8');
    return { certPem, keyPem: readFileSync(source.keyFile, 'utf8'), caPem: certPem };
  }
  const dir = gatewayTlsDir(source.stateDir);
  if (!existsSync(join(dir, 'tls.key'))) generateInto(dir);
  return {
    caPem: readFileSync(join(dir, 'ca.crt'), 'utf8'),
    certPem: readFileSync(join(dir, 'tls.crt'), 'utf8'),
    keyPem: readFileSync(join(dir, 'tls.key'), 'utf8'),
  };
}

/** Generates into a directory of its own and renames it into place: replicas never mix two generations. */
function generateInto(dir: string): void {
  const tls = generateServerTls(['127.0.0.1', 'localhost', '::1', hostname()], { name: 'karmada-ts-api-gateway' });
  const aside = `${dir}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  mkdirSync(aside, { recursive: true, mode: 0o700 });
  writeFileSync(join(aside, 'ca.crt'), tls.caPem);
  writeFileSync(join(aside, 'tls.crt'), tls.certPem);
  writeFileSync(join(aside, 'tls.key'), tls.keyPem, { mode: 0o600 });
  try {
    renameSync(aside, dir);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'ENOTEMPTY' && code !== 'EEXIST') throw error;
    rmSync(aside, { recursive: true, force: true });
  }
}
