/**
 * The parts of Go's net/url.Parse that Karmada's Cluster validation depends on: what it accepts, how it splits a
 * URL (scheme, opaque, user info, host, query, fragment) and its error messages (`parse "x": first path segment in
 * URL cannot contain colon`). `host:port` without a scheme is NOT a host to Go: it is scheme `host`, opaque `port`.
 */
export interface GoUrl {
  scheme: string;
  opaque: string;
  /** User info as Go's Userinfo.String() prints it, when present. */
  user: string | undefined;
  host: string;
  path: string;
  rawQuery: string;
  fragment: string;
}

export type GoUrlResult = { ok: true; url: GoUrl } | { ok: false; error: string };

export function parseGoUrl(raw: string): GoUrlResult {
  const hash = raw.indexOf('#');
  const withoutFragment = hash < 0 ? raw : raw.slice(0, hash);
  const fragment = hash < 0 ? '' : raw.slice(hash + 1);
  const parsed = parseWithoutFragment(withoutFragment);
  if (typeof parsed === 'string') return { ok: false, error: `parse ${goQuote(withoutFragment)}: ${parsed}` };
  if (fragment === '') return { ok: true, url: parsed };
  const badEscape = escapeError(fragment);
  if (badEscape) return { ok: false, error: `parse ${goQuote(raw)}: ${badEscape}` };
  return { ok: true, url: { ...parsed, fragment } };
}

/** Go's %q for the strings that appear in URLs. */
function goQuote(text: string): string {
  return JSON.stringify(text);
}

function parseWithoutFragment(raw: string): GoUrl | string {
  if (/[\x00-\x1f\x7f]/.test(raw)) return 'net/url: invalid control character in URL';
  const url: GoUrl = { scheme: '', opaque: '', user: undefined, host: '', path: '', rawQuery: '', fragment: '' };
  if (raw === '*') return { ...url, path: '*' };
  const scheme = splitScheme(raw);
  if (typeof scheme === 'string') return scheme;
  url.scheme = scheme.scheme.toLowerCase();
  let rest = scheme.rest;
  if (rest.endsWith('?') && rest.split('?').length === 2) rest = rest.slice(0, -1);
  else {
    const question = rest.indexOf('?');
    if (question >= 0) {
      url.rawQuery = rest.slice(question + 1);
      rest = rest.slice(0, question);
    }
  }
  if (!rest.startsWith('/')) {
    if (url.scheme !== '') return { ...url, opaque: rest };
    const firstSegment = rest.split('/')[0]!;
    if (firstSegment.includes(':')) return 'first path segment in URL cannot contain colon';
  }
  if ((url.scheme !== '' || !rest.startsWith('///')) && rest.startsWith('//')) {
    let authority = rest.slice(2);
    rest = '';
    const slash = authority.indexOf('/');
    if (slash >= 0) {
      rest = authority.slice(slash);
      authority = authority.slice(0, slash);
    }
    const parsedAuthority = parseAuthority(authority);
    if (typeof parsedAuthority === 'string') return parsedAuthority;
    url.user = parsedAuthority.user;
    url.host = parsedAuthority.host;
  }
  return escapeError(rest) ?? { ...url, path: rest };
}

function splitScheme(raw: string): { scheme: string; rest: string } | string {
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i]!;
    if (/[a-zA-Z]/.test(c)) continue;
    if (/[0-9+\-.]/.test(c)) {
      if (i === 0) return { scheme: '', rest: raw };
      continue;
    }
    if (c === ':') return i === 0 ? 'missing protocol scheme' : { scheme: raw.slice(0, i), rest: raw.slice(i + 1) };
    return { scheme: '', rest: raw };
  }
  return { scheme: '', rest: raw };
}

function parseAuthority(authority: string): { user: string | undefined; host: string } | string {
  const at = authority.lastIndexOf('@');
  const host = at < 0 ? authority : authority.slice(at + 1);
  const hostError = parseHostError(host);
  if (hostError) return hostError;
  if (at < 0) return { user: undefined, host };
  const userinfo = authority.slice(0, at);
  if (!/^[A-Za-z0-9\-._:~!$&'()*+,;=%@]*$/.test(userinfo)) return 'net/url: invalid userinfo';
  return escapeError(userinfo) ?? { user: userinfo, host };
}

function validOptionalPort(port: string): boolean {
  return port === '' || /^:[0-9]*$/.test(port);
}

function parseHostError(host: string): string | undefined {
  let colonPort = '';
  if (host.startsWith('[')) {
    const close = host.lastIndexOf(']');
    if (close < 0) return "missing ']' in host";
    colonPort = host.slice(close + 1);
  } else if (host.includes(':')) colonPort = host.slice(host.lastIndexOf(':'));
  if (!validOptionalPort(colonPort)) return `invalid port ${goQuote(colonPort)} after host`;
  const bad = [...host].find((c) => c.charCodeAt(0) < 0x80 && !/[A-Za-z0-9\-._~!$&'()*+,;=:[\]<>"%]/.test(c));
  if (bad !== undefined) return `invalid character ${goQuote(bad)} in host name`;
  return escapeError(host);
}

/** Go's percent-decoding error for a malformed escape (`invalid URL escape "%zz"`); parts are kept escaped here. */
function escapeError(text: string): string | undefined {
  for (let i = text.indexOf('%'); i >= 0; i = text.indexOf('%', i + 1)) {
    if (!/^%[0-9a-fA-F]{2}/.test(text.slice(i, i + 3))) return `invalid URL escape ${goQuote(text.slice(i, i + 3))}`;
  }
  return undefined;
}
