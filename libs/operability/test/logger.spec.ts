import { expect } from 'chai';
import { Writable } from 'node:stream';
import { createLogger, NestPinoLogger, redactedValue } from '@karmada-ts/operability';

/** A pino destination that keeps the parsed lines. */
function captureLines(): { stream: Writable; lines: Record<string, unknown>[] } {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString('utf8').split('\n').filter(Boolean)) lines.push(JSON.parse(line));
      done();
    },
  });
  return { stream, lines };
}

describe('logger', () => {
  it('writes JSON lines with the service, level name and ISO time', () => {
    const { stream, lines } = captureLines();
    createLogger({ service: 'policy-svc', destination: stream }).info({ subject: 'karmada.x' }, 'hello');
    expect(lines).to.have.length(1);
    expect(lines[0]).to.include({ service: 'policy-svc', level: 'info', msg: 'hello', subject: 'karmada.x' });
    expect(lines[0]!.time).to.match(/^\d{4}-\d{2}-\d{2}T/);
  });

  it('never writes secrets, but keeps error details', () => {
    const { stream, lines } = captureLines();
    const logger = createLogger({ service: 's', destination: stream });
    logger.error(
      {
        envelope: { id: 'e1', data: { token: 'x' } },
        request: { headers: { authorization: 'Bearer y' } },
        err: new Error('boom'),
      },
      'failed',
    );
    const text = JSON.stringify(lines[0]);
    expect(text).not.to.contain('Bearer y');
    expect(lines[0]).to.deep.include({ envelope: { id: 'e1', data: redactedValue } });
    expect((lines[0]!.err as { message: string; stack: string }).message).to.equal('boom');
    expect((lines[0]!.err as { stack: string }).stack).to.contain('Error: boom');
  });

  it('adapts Nest logger calls: context, error stacks and log levels', () => {
    const { stream, lines } = captureLines();
    const nest = new NestPinoLogger(createLogger({ service: 's', destination: stream }));
    nest.log('started', 'NestApplication');
    nest.error('failed', 'Error: x\n    at y', 'ExceptionsHandler');
    nest.setLogLevels(['warn', 'error']);
    nest.log('dropped');
    nest.warn({ password: 'p', note: 'n' });
    expect(lines).to.have.length(3);
    expect(lines[0]).to.include({ level: 'info', msg: 'started', context: 'NestApplication' });
    expect(lines[1]).to.include({
      level: 'error',
      msg: 'failed',
      context: 'ExceptionsHandler',
      stack: 'Error: x\n    at y',
    });
    expect(lines[2]).to.include({ level: 'warn', password: redactedValue, note: 'n' });
  });
});
