import type { ImageOverrider } from '../api/policy.js';

/**
 * A container image reference split the way Karmada's imageparser does: `[hostname[:port]/]repository[:tag|@digest]`.
 * The hostname is the first path part only when it looks like a host (has "." or ":" or is "localhost"), so
 * "library/nginx" is all repository. Nothing is normalised: "nginx" stays "nginx", not docker.io/library/nginx.
 */
export interface ImageComponents {
  readonly hostname: string;
  readonly repository: string;
  readonly tag: string;
  readonly digest: string;
}

// The grammar of distribution/reference, which Karmada parses images with.
const pathComponent = '[a-z0-9]+(?:(?:[._]|__|[-]+)[a-z0-9]+)*';
const domainComponent = '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])';
const host = `(?:${domainComponent}(?:\\.${domainComponent})*|\\[(?:[a-fA-F0-9:]+)\\])`;
const name = `(?:${host}(?::[0-9]+)?/)?${pathComponent}(?:/${pathComponent})*`;
const tag = '[\\w][\\w.-]{0,127}';
const digest = '[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*[:][0-9a-fA-F]{32,}';
const referencePattern = new RegExp(`^(${name})(?::(${tag}))?(?:@(${digest}))?$`);
const anchoredTag = new RegExp(`^${tag}$`);
const anchoredDigest = new RegExp(`^${digest}$`);
const digestHexLength: Record<string, number> = { sha256: 64, sha384: 96, sha512: 128 };

export type ImageParseResult = { readonly ok: true; readonly image: ImageComponents } | { readonly ok: false; readonly message: string };

/** Parses an image reference, with distribution/reference's error messages. */
export function parseImage(image: string): ImageParseResult {
  const match = referencePattern.exec(image);
  if (!match) {
    if (image === '') return { ok: false, message: 'repository name must have at least one component' };
    if (referencePattern.test(image.toLowerCase())) return { ok: false, message: 'repository name must be lowercase' };
    return { ok: false, message: 'invalid reference format' };
  }
  const [, fullName = '', tagPart = '', digestPart = ''] = match;
  if (fullName.length > 255) return { ok: false, message: 'repository name must not be more than 255 characters' };
  if (digestPart) {
    const problem = digestProblem(digestPart);
    if (problem) return { ok: false, message: problem };
  }
  const { hostname, repository } = splitHostname(fullName);
  // A reference with both a tag and a digest keeps only the tag, as Karmada's parser does.
  return { ok: true, image: { hostname, repository, tag: tagPart, digest: tagPart ? '' : digestPart } };
}

function digestProblem(value: string): string | undefined {
  const [algorithm = '', hex = ''] = value.split(':');
  const length = digestHexLength[algorithm];
  if (length === undefined) return 'unsupported digest algorithm';
  if (hex.length !== length) return 'invalid checksum digest length';
  return /^[a-f0-9]+$/.test(hex) ? undefined : 'invalid checksum digest format';
}

function splitHostname(fullName: string): { hostname: string; repository: string } {
  const slash = fullName.indexOf('/');
  if (slash === -1) return { hostname: '', repository: fullName };
  const first = fullName.slice(0, slash);
  if (!/[.:]/.test(first) && first !== 'localhost') return { hostname: '', repository: fullName };
  return { hostname: first, repository: fullName.slice(slash + 1) };
}

/** The reference written back: `hostname/repository`, then `:tag`, or `@digest` when there is no tag. */
export function formatImage(image: ImageComponents): string {
  const repository = image.hostname ? `${image.hostname}/${image.repository}` : image.repository;
  if (image.tag) return `${repository}:${image.tag}`;
  return image.digest ? `${repository}@${image.digest}` : repository;
}

/**
 * One image overrider applied to one image, Karmada's component semantics:
 * - Registry: add appends the value to the hostname ("registry.io" + "-cn"), replace sets it, remove drops it;
 * - Repository: the same on the repository;
 * - Tag: add appends to the tag (or digest), replace sets a tag or a digest (whichever the value is; a value that is
 *   neither leaves the image as it was), remove drops the tag, else the digest.
 */
export function overrideImage(image: string, overrider: ImageOverrider): ImageParseResult {
  const parsed = parseImage(image);
  if (!parsed.ok) return { ok: false, message: `failed to parse image value(${image}), error: ${parsed.message}` };
  return { ok: true, image: applyComponent(parsed.image, overrider) };
}

function applyComponent(image: ImageComponents, overrider: ImageOverrider): ImageComponents {
  const value = overrider.value ?? '';
  switch (overrider.component) {
    case 'Registry':
      return { ...image, hostname: edit(image.hostname, overrider.operator, value) };
    case 'Repository':
      return { ...image, repository: edit(image.repository, overrider.operator, value) };
    case 'Tag':
      return editTagOrDigest(image, overrider.operator, value);
    default:
      return assertNever(overrider.component);
  }
}

function edit(current: string, operator: ImageOverrider['operator'], value: string): string {
  switch (operator) {
    case 'add':
      return current + value;
    case 'replace':
      return value;
    case 'remove':
      return '';
    default:
      return assertNever(operator);
  }
}

function editTagOrDigest(image: ImageComponents, operator: ImageOverrider['operator'], value: string): ImageComponents {
  switch (operator) {
    case 'add':
      return setTagOrDigest(image, (image.tag || image.digest) + value);
    case 'replace':
      return setTagOrDigest(image, value);
    case 'remove':
      return image.tag ? { ...image, tag: '' } : { ...image, digest: '' };
    default:
      return assertNever(operator);
  }
}

function setTagOrDigest(image: ImageComponents, value: string): ImageComponents {
  if (anchoredTag.test(value)) return { ...image, tag: value, digest: '' };
  if (anchoredDigest.test(value)) return { ...image, tag: '', digest: value };
  return image;
}

function assertNever(value: never): never {
  throw new Error(`unexpected image overrider value ${JSON.stringify(value)}`);
}
