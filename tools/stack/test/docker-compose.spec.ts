import { expect } from 'chai';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parse } from 'yaml';
import { runtimeEnvNames, serviceCatalog } from '@karmada-ts/service-runtime';
import { heapFlags } from '../../../scripts/run-tool.mjs';

// No Docker engine runs on the build machines, so this checks docker-compose.yml against what the code really uses:
// the services, their entry points and ports, and every environment variable the code reads.
const root = resolve(import.meta.dirname, '../../..');

interface ComposeService {
  image?: string;
  build?: string;
  command?: string[];
  environment?: Record<string, string>;
  depends_on?: Record<string, { condition: string }>;
  healthcheck?: { test: string[] };
  volumes?: string[];
}

const compose = parse(readFileSync(join(root, 'docker-compose.yml'), 'utf8'), { merge: true }) as {
  services: Record<string, ComposeService>;
  volumes: Record<string, unknown>;
};

function sourceFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) return entry === 'node_modules' || entry === 'dist' ? [] : sourceFiles(path);
    return path.endsWith('.ts') && !path.endsWith('.spec.ts') ? [path] : [];
  });
}

/** Environment variable names read by the services' code (apps and the libs they run). */
function envNamesReadByServices(): Set<string> {
  const names = new Set<string>();
  const files = ['apps', 'libs'].flatMap((top) =>
    // libs/testing only runs inside tests; its TEST_* variables are not the services'.
    readdirSync(join(root, top))
      .filter((pkg) => !(top === 'libs' && pkg === 'testing'))
      .flatMap((pkg) => sourceFiles(join(root, top, pkg, 'src'))),
  );
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    for (const match of text.matchAll(/\benv(?:\.|\[['"])([A-Z][A-Z0-9_]+)/g)) names.add(match[1]!);
  }
  return names;
}

describe('docker-compose.yml', () => {
  const appServices = serviceCatalog.map((s) => s.name);

  it('runs NATS with JetStream, Postgres and exactly the six services', () => {
    expect(Object.keys(compose.services).sort()).to.deep.equal([...appServices, 'nats', 'postgres'].sort());
    expect(compose.services.nats!.command).to.include('-js');
    expect(compose.services.nats!.volumes?.[0]).to.match(/^nats-data:/);
    expect(compose.services.postgres!.volumes?.[0]).to.match(/^postgres-data:/);
    expect(compose.volumes).to.have.keys('nats-data', 'postgres-data', 'karmada-state');
  });

  it('builds every service from the one multi-stage Dockerfile', () => {
    const dockerfile = readFileSync(join(root, 'Dockerfile'), 'utf8');
    expect(dockerfile.match(/^FROM /gm)).to.have.length.greaterThan(1);
    for (const name of appServices) expect(compose.services[name]!.build, name).to.equal('.');
  });

  for (const service of serviceCatalog) {
    describe(service.name, () => {
      const spec = () => compose.services[service.name]!;

      it('starts the built entry point the app package declares, with the heap flags npm start gives it', () => {
        const pkg = JSON.parse(readFileSync(join(root, 'apps', service.name, 'package.json'), 'utf8')) as { main: string };
        const flags = heapFlags({}, service.name);
        expect(spec().command).to.deep.equal(['node', ...flags, join('apps', service.name, pkg.main.replace(/^\.\//, ''))]);
        expect(existsSync(join(root, 'apps', service.name, 'src', 'main.ts')), 'src/main.ts').to.equal(true);
      });

      it('waits for healthy NATS and Postgres', () => {
        expect(spec().depends_on).to.deep.equal({
          nats: { condition: 'service_healthy' },
          postgres: { condition: 'service_healthy' },
        });
      });

      it('reports readiness on its own port', () => {
        expect(spec().environment?.HTTP_PORT).to.equal(String(service.port));
        expect(spec().healthcheck?.test.join(' ')).to.contain(`127.0.0.1:${service.port}/readyz`);
      });

      it('sets only variables the code reads, and points them at the compose services', () => {
        const env = spec().environment ?? {};
        for (const name of Object.keys(env)) expect(runtimeEnvNames, `${name} is not read by any service`).to.include(name);
        expect(env.NATS_URL).to.equal('nats://nats:4222');
        expect(env.DATABASE_URL).to.match(/@postgres:5432\//);
      });
    });
  }

  it('covers every environment variable the services read, or the code has a default for it', () => {
    const provided = new Set(Object.keys(compose.services['api-gateway']!.environment ?? {}));
    const known = new Set<string>(runtimeEnvNames);
    for (const name of envNamesReadByServices()) {
      expect(known.has(name) || provided.has(name), `${name} is read by the code but unknown to the runtime config`).to.equal(true);
    }
  });
});
