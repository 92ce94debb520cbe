import { CliError } from './cli-error.js';
import type { Command } from './command.js';
import { cordon, uncordon } from './commands/cordon.js';
import { explainCommand } from './commands/explain.js';
import { joinCommand } from './commands/join.js';
import { previewCommand } from './commands/preview.js';
import { taintCommand } from './commands/taint.js';
import { unjoinCommand } from './commands/unjoin.js';

const commands: readonly Command[] = [joinCommand, unjoinCommand, cordon, uncordon, taintCommand, explainCommand, previewCommand];

function help(): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  return [
    'karmadactl controls the karmada-ts control plane.',
    '',
    'Commands:',
    ...commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    'Use "karmadactl <command> --help" for more about a command.',
  ].join('\n');
}

async function main(argv: readonly string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(`${help()}\n`);
    return name ? 0 : 2;
  }
  const command = commands.find((c) => c.name === name);
  if (!command) {
    process.stderr.write(`error: unknown command "${name}"\n\n${help()}\n`);
    return 2;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    process.stdout.write(`${command.usage}\n`);
    return 0;
  }
  try {
    await command.run(rest, (line) => process.stdout.write(`${line}\n`));
    return 0;
  } catch (error) {
    if (error instanceof CliError) {
      process.stderr.write(`error: ${error.message}\n`);
      return error.exitCode;
    }
    process.stderr.write(`error: ${(error as Error).stack ?? String(error)}\n`);
    return 1;
  }
}

process.exitCode = await main(process.argv.slice(2));
