import { expect } from 'chai';
import { credentialsFromSecretData } from './member-credentials.js';

const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');

describe('credentialsFromSecretData', () => {
  const cases: { name: string; data: Record<string, string>; want: Record<string, string> }[] = [
    { name: 'a token and a CA bundle', data: { token: b64('t0ken'), caBundle: b64('-----BEGIN CERTIFICATE-----') }, want: { token: 't0ken', caBundle: '-----BEGIN CERTIFICATE-----' } },
    { name: 'a client certificate and key', data: { clientCertificate: b64('cert'), clientKey: b64('key') }, want: { clientCertificate: 'cert', clientKey: 'key' } },
    { name: 'empty values and unknown keys are left out', data: { token: '', other: b64('x') }, want: {} },
  ];
  for (const c of cases) it(c.name, () => expect(credentialsFromSecretData(c.data)).to.deep.equal(c.want));
});
