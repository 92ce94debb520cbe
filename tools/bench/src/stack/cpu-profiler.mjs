// Profiles the CPU of the process it is loaded into, from start to exit, and writes the profile (Chrome DevTools
// `.cpuprofile`, named after the app and the pid) into BENCH_CPU_PROFILE_DIR. Loaded with
// NODE_OPTIONS=--import=<this file>, because node refuses --cpu-prof in NODE_OPTIONS. The in-process inspector session answers synchronously, so the profile is written
// inside the 'exit' handler.
import { mkdirSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';
import { join } from 'node:path';

const dir = process.env.BENCH_CPU_PROFILE_DIR;
if (dir) {
  const session = new Session();
  session.connect();
  session.post('Profiler.enable');
  session.post('Profiler.setSamplingInterval', { interval: 1000 });
  session.post('Profiler.start');
  process.on('exit', () => {
    session.post('Profiler.stop', (error, result) => {
      if (error) return void process.stderr.write(`cpu profile not written: ${error.message}\n`);
      mkdirSync(dir, { recursive: true });
      const app = /apps\/([^/]+)\//.exec(process.argv[1] ?? '')?.[1] ?? 'node';
      writeFileSync(join(dir, `${app}-${process.pid}.cpuprofile`), JSON.stringify(result.profile));
    });
  });
}
