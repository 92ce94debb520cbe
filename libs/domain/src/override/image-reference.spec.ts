import { expect } from 'chai';
import type { ImageOverrider } from '../api/policy.js';
import { formatImage, overrideImage, parseImage, type ImageComponents } from './image-reference.js';

const sha = 'sha256:50d858e0985ecc7f60418aaf0cc5ab587f42c2570a884095a9e8ccacd0f6545c';

describe('parseImage', () => {
  const cases: { image: string; want: ImageComponents | string }[] = [
    { image: 'nginx', want: { hostname: '', repository: 'nginx', tag: '', digest: '' } },
    { image: 'nginx:1.19', want: { hostname: '', repository: 'nginx', tag: '1.19', digest: '' } },
    { image: 'library/nginx:latest', want: { hostname: '', repository: 'library/nginx', tag: 'latest', digest: '' } },
    { image: 'docker.io/library/nginx', want: { hostname: 'docker.io', repository: 'library/nginx', tag: '', digest: '' } },
    { image: 'localhost/app', want: { hostname: 'localhost', repository: 'app', tag: '', digest: '' } },
    {
      image: 'fictional.registry.example:10443/karmada/karmada-controller-manager:v1.0.0',
      want: { hostname: 'fictional.registry.example:10443', repository: 'karmada/karmada-controller-manager', tag: 'v1.0.0', digest: '' },
    },
    { image: `registry.k8s.io/pause@${sha}`, want: { hostname: 'registry.k8s.io', repository: 'pause', tag: '', digest: sha } },
    { image: `nginx:1.0@${sha}`, want: { hostname: '', repository: 'nginx', tag: '1.0', digest: '' } },
    { image: '[::1]:5000/app:v1', want: { hostname: '[::1]:5000', repository: 'app', tag: 'v1', digest: '' } },
    { image: '', want: 'repository name must have at least one component' },
    { image: 'Nginx', want: 'repository name must be lowercase' },
    { image: 'nginx:', want: 'invalid reference format' },
    { image: 'nginx@sha256:abc', want: 'invalid reference format' },
    { image: `nginx@md5:${'a'.repeat(32)}`, want: 'unsupported digest algorithm' },
    { image: `nginx@sha256:${'a'.repeat(40)}`, want: 'invalid checksum digest length' },
  ];
  for (const c of cases) {
    it(JSON.stringify(c.image), () => {
      const result = parseImage(c.image);
      expect(result).to.deep.equal(typeof c.want === 'string' ? { ok: false, message: c.want } : { ok: true, image: c.want });
    });
  }

  it('formats back what it parsed', () => {
    for (const image of ['nginx', 'nginx:1.19', 'docker.io/library/nginx:latest', `registry.k8s.io/pause@${sha}`]) {
      const parsed = parseImage(image);
      expect(parsed.ok && formatImage(parsed.image)).to.equal(image);
    }
  });
});

describe('overrideImage', () => {
  const cases: { name: string; image: string; overrider: ImageOverrider; want: string }[] = [
    { name: 'Registry add to an empty hostname', image: 'nginx:1.0', overrider: { component: 'Registry', operator: 'add', value: 'registry.io' }, want: 'registry.io/nginx:1.0' },
    { name: 'Registry add appends a suffix', image: 'registry.io/nginx', overrider: { component: 'Registry', operator: 'add', value: '-cn' }, want: 'registry.io-cn/nginx' },
    { name: 'Registry replace', image: 'docker.io/library/nginx:1.0', overrider: { component: 'Registry', operator: 'replace', value: 'mirror.io' }, want: 'mirror.io/library/nginx:1.0' },
    { name: 'Registry remove', image: 'docker.io/library/nginx:1.0', overrider: { component: 'Registry', operator: 'remove' }, want: 'library/nginx:1.0' },
    { name: 'Repository add', image: 'docker.io/nginx', overrider: { component: 'Repository', operator: 'add', value: '-debug' }, want: 'docker.io/nginx-debug' },
    { name: 'Repository replace', image: 'docker.io/nginx:1', overrider: { component: 'Repository', operator: 'replace', value: 'team/web' }, want: 'docker.io/team/web:1' },
    { name: 'Repository remove leaves the host and a trailing slash', image: 'docker.io/nginx:1', overrider: { component: 'Repository', operator: 'remove' }, want: 'docker.io/:1' },
    { name: 'Tag add appends', image: 'nginx:1.19', overrider: { component: 'Tag', operator: 'add', value: '-alpine' }, want: 'nginx:1.19-alpine' },
    { name: 'Tag replace', image: 'nginx:1.19', overrider: { component: 'Tag', operator: 'replace', value: '1.20' }, want: 'nginx:1.20' },
    { name: 'Tag replace on an untagged image', image: 'nginx', overrider: { component: 'Tag', operator: 'replace', value: 'stable' }, want: 'nginx:stable' },
    { name: 'Tag replace with a digest', image: 'nginx:1.19', overrider: { component: 'Tag', operator: 'replace', value: sha }, want: `nginx@${sha}` },
    { name: 'Tag replace with a digest-replaced tag', image: `nginx@${sha}`, overrider: { component: 'Tag', operator: 'replace', value: 'v2' }, want: 'nginx:v2' },
    { name: 'Tag replace with an invalid value changes nothing', image: 'nginx:1.19', overrider: { component: 'Tag', operator: 'replace', value: 'no tag!' }, want: 'nginx:1.19' },
    { name: 'Tag remove', image: 'nginx:1.19', overrider: { component: 'Tag', operator: 'remove' }, want: 'nginx' },
    { name: 'Tag remove drops a digest', image: `nginx@${sha}`, overrider: { component: 'Tag', operator: 'remove' }, want: 'nginx' },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const result = overrideImage(c.image, c.overrider);
      expect(result.ok && formatImage(result.image)).to.equal(c.want);
    });
  }

  it('reports an unparsable image', () => {
    expect(overrideImage('Bad', { component: 'Tag', operator: 'remove' })).to.deep.equal({
      ok: false,
      message: 'failed to parse image value(Bad), error: repository name must be lowercase',
    });
  });
});
