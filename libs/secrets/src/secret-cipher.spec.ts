import { expect } from 'chai';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SecretCipher, SecretDecryptionError } from './secret-cipher.js';
import { loadSecretKey, SecretKeyError } from './secret-key.js';

describe('SecretCipher', () => {
  const cipher = new SecretCipher(randomBytes(32));

  it('round-trips and never repeats a ciphertext', () => {
    const a = cipher.encrypt('s3cr3t-token', 'karmada-cluster/member1');
    const b = cipher.encrypt('s3cr3t-token', 'karmada-cluster/member1');
    expect(a).to.not.equal(b);
    expect(a).to.not.contain('s3cr3t');
    expect(cipher.decrypt(a, 'karmada-cluster/member1').toString()).to.equal('s3cr3t-token');
  });

  const tampered: { name: string; sealed: () => string; aad: string }[] = [
    { name: 'another object', sealed: () => cipher.encrypt('x', 'ns/a'), aad: 'ns/b' },
    { name: 'an altered ciphertext', sealed: () => cipher.encrypt('hello', 'ns/a').replace(/.$/, (c) => (c === 'A' ? 'B' : 'A')), aad: 'ns/a' },
    { name: 'another key', sealed: () => new SecretCipher(randomBytes(32)).encrypt('x', 'ns/a'), aad: 'ns/a' },
    { name: 'garbage', sealed: () => 'plain', aad: 'ns/a' },
  ];
  for (const c of tampered) {
    it(`refuses ${c.name}`, () => expect(() => cipher.decrypt(c.sealed(), c.aad)).to.throw(SecretDecryptionError));
  }

  it('digests are keyed and stable', () => {
    expect(cipher.digest('a')).to.equal(cipher.digest('a'));
    expect(cipher.digest('a')).to.match(/^hmac-sha256:[0-9a-f]{64}$/);
    expect(new SecretCipher(randomBytes(32)).digest('a')).to.not.equal(cipher.digest('a'));
  });

  it('needs a 32-byte key', () => expect(() => new SecretCipher(randomBytes(16))).to.throw(/32 bytes/));
});

describe('loadSecretKey', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'secret-key-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('prefers the environment', () => {
    const key = randomBytes(32);
    expect(loadSecretKey({ fromEnv: key.toString('base64'), stateDir: dir, createIfMissing: true }).equals(key)).to.equal(true);
  });

  it('rejects a malformed environment key', () => {
    expect(() => loadSecretKey({ fromEnv: 'c2hvcnQ=', stateDir: dir, createIfMissing: true })).to.throw(SecretKeyError, /32 random bytes/);
  });

  it('generates the key file once, readable by its owner only, and reads it back', () => {
    const first = loadSecretKey({ stateDir: dir, createIfMissing: true });
    expect(statSync(join(dir, 'secret.key')).mode & 0o777).to.equal(0o600);
    expect(loadSecretKey({ stateDir: dir, createIfMissing: false }).equals(first)).to.equal(true);
    expect(readFileSync(join(dir, 'secret.key'), 'utf8').trim()).to.equal(first.toString('base64'));
  });

  it('tells readers how to get a key when there is none', () => {
    expect(() => loadSecretKey({ stateDir: dir, createIfMissing: false })).to.throw(SecretKeyError, /KARMADA_SECRET_KEY/);
  });
});
