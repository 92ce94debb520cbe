import { parseArgs, type ParseArgsConfig } from 'node:util';
import { usageError } from './cli-error.js';

type CommandArgs<O extends NonNullable<ParseArgsConfig['options']>> = ReturnType<typeof parseArgs<{ args: string[]; allowPositionals: boolean; options: O }>>;

/** A command's arguments: its options and positionals; anything unknown or malformed is a usage error. */
export function parseCommandArgs<const O extends NonNullable<ParseArgsConfig['options']>>(
  argv: readonly string[],
  options: O,
  usage: string,
  allowPositionals = true,
): CommandArgs<O> {
  try {
    return parseArgs({ args: [...argv], allowPositionals, options });
  } catch (error) {
    throw usageError((error as Error).message, usage);
  }
}
