import { expect } from 'chai';
import { parseGoUrl, type GoUrl } from './go-url.js';

const empty: GoUrl = { scheme: '', opaque: '', user: undefined, host: '', path: '', rawQuery: '', fragment: '' };

const cases: { name: string; raw: string; want: Partial<GoUrl> | string }[] = [
  { name: 'https with IP and port', raw: 'https://10.10.10.10:6339', want: { scheme: 'https', host: '10.10.10.10:6339' } },
  { name: 'scheme is lower-cased', raw: 'HTTPS://Example.com/path', want: { scheme: 'https', host: 'Example.com', path: '/path' } },
  { name: 'IPv6 literal', raw: 'https://[::1]:6443', want: { scheme: 'https', host: '[::1]:6443' } },
  { name: 'host:port without scheme is scheme + opaque', raw: 'example.com:6443', want: { scheme: 'example.com', opaque: '6443' } },
  { name: 'bare hostname is a path', raw: 'example.com', want: { path: 'example.com' } },
  { name: 'IP:port without scheme', raw: '10.0.0.1:6443', want: 'parse "10.0.0.1:6443": first path segment in URL cannot contain colon' },
  { name: 'leading colon', raw: ':6443', want: 'parse ":6443": missing protocol scheme' },
  { name: 'user info', raw: 'https://admin:secret@host', want: { scheme: 'https', host: 'host', user: 'admin:secret' } },
  { name: 'query', raw: 'https://host/p?a=1', want: { scheme: 'https', host: 'host', path: '/p', rawQuery: 'a=1' } },
  { name: 'trailing question mark only', raw: 'https://host?', want: { scheme: 'https', host: 'host' } },
  { name: 'fragment', raw: 'https://host#frag', want: { scheme: 'https', host: 'host', fragment: 'frag' } },
  { name: 'empty fragment', raw: 'https://host#', want: { scheme: 'https', host: 'host' } },
  { name: 'bad port', raw: 'https://host:abc', want: 'parse "https://host:abc": invalid port ":abc" after host' },
  { name: 'unclosed IPv6', raw: 'https://[::1', want: `parse "https://[::1": missing ']' in host` },
  { name: 'space in host', raw: 'https://my host', want: 'parse "https://my host": invalid character " " in host name' },
  { name: 'bad escape', raw: 'https://host/%zz', want: 'parse "https://host/%zz": invalid URL escape "%zz"' },
  { name: 'control character', raw: 'https://host/\n', want: 'parse "https://host/\\n": net/url: invalid control character in URL' },
  { name: 'socks5 proxy', raw: 'socks5://proxy:1080', want: { scheme: 'socks5', host: 'proxy:1080' } },
  { name: 'no authority after scheme', raw: 'https:///path', want: { scheme: 'https', path: '/path' } },
];

describe('parseGoUrl', () => {
  for (const c of cases)
    it(c.name, () => {
      const result = parseGoUrl(c.raw);
      if (typeof c.want === 'string') expect(result).to.deep.equal({ ok: false, error: c.want });
      else expect(result).to.deep.equal({ ok: true, url: { ...empty, ...c.want } });
    });
});
