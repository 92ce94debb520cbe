import { badRequest } from '@karmada-ts/kube';

/**
 * The `continue` token of `/audit`: where the next page starts, as the resourceVersion of the last entry served
 * (the next page has the entries below it). Opaque to clients, so its form may change.
 */
interface ContinuePosition {
  readonly before: number;
}

export function encodeContinueToken(before: number): string {
  const position: ContinuePosition = { before };
  return Buffer.from(JSON.stringify(position)).toString('base64url');
}

/** The resourceVersion a continue token continues below; a token this gateway did not make is a 400 BadRequest. */
export function decodeContinueToken(token: string): number {
  let position: unknown;
  try {
    position = /^[A-Za-z0-9_-]+$/.test(token) ? JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) : undefined;
  } catch {
    position = undefined;
  }
  const before = (position as Partial<ContinuePosition> | undefined)?.before;
  if (typeof before !== 'number' || !Number.isSafeInteger(before) || before < 1) {
    throw badRequest('the continue token is not valid: pass the metadata.continue of the previous page unchanged');
  }
  return before;
}
