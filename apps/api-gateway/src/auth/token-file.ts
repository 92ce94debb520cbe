/**
 * The gateway's static token file, `token,user,role` per line (kube-apiserver's --token-auth-file, with a role in
 * place of groups). Blank lines and lines starting with `#` are ignored.
 */
export const roles = ['admin', 'view'] as const;
export type Role = (typeof roles)[number];

export interface TokenEntry {
  readonly token: string;
  readonly user: string;
  readonly role: Role;
}

export class TokenFileError extends Error {}

export function parseTokenFile(text: string, source = 'token file'): TokenEntry[] {
  const entries: TokenEntry[] = [];
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    const [token, user, role, ...rest] = line.split(',').map((part) => part.trim());
    const where = `${source} line ${index + 1}`;
    if (!token || !user || !role || rest.length > 0) throw new TokenFileError(`${where}: expected "token,user,role"`);
    if (!(roles as readonly string[]).includes(role)) throw new TokenFileError(`${where}: role must be one of ${roles.join(', ')}`);
    if (entries.some((e) => e.token === token)) throw new TokenFileError(`${where}: the token is listed twice`);
    entries.push({ token, user, role: role as Role });
  });
  return entries;
}

export function formatTokenFile(entries: readonly TokenEntry[]): string {
  return `# token,user,role (roles: ${roles.join(', ')})\n${entries.map((e) => `${e.token},${e.user},${e.role}`).join('\n')}\n`;
}
