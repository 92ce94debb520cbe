import { stringify } from 'yaml';
import { CliError } from './cli-error.js';

export type OutputFormat = 'table' | 'json' | 'yaml';

const formats: readonly OutputFormat[] = ['table', 'json', 'yaml'];

/** The -o flag; a table unless asked otherwise. */
export function outputFormat(flag: string | undefined): OutputFormat {
  const format = flag ?? 'table';
  if (!(formats as readonly string[]).includes(format)) throw new CliError(`unknown output format "${format}": use one of ${formats.join(', ')}`, 2);
  return format as OutputFormat;
}

/** A response as JSON or YAML, in lines for the command's output. */
export function printedDocument(document: unknown, format: Exclude<OutputFormat, 'table'>): string[] {
  const text = format === 'json' ? JSON.stringify(document, null, 2) : stringify(document);
  return text.replace(/\n$/, '').split('\n');
}
