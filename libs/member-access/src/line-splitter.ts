/** Line feed: a byte that never occurs inside a multi-byte UTF-8 character. */
const lineFeed = 0x0a;

/**
 * The lines of a byte stream (a watch's newline-delimited JSON), each decoded once from its own bytes. A chunk's
 * complete lines are decoded straight out of it; only a line split across chunks is put together first. Decoding
 * whole chunks and joining them as text copied every watch event twice more, and cut a character whose bytes fell
 * into two chunks. Blank lines are skipped.
 */
export class LineSplitter {
  /** The start of a line that a later chunk completes. */
  private pending: Buffer[] = [];

  constructor(private readonly onLine: (line: string) => void) {}

  /** Hands on every line the chunk completes; a throwing `onLine` stops this chunk. */
  push(chunk: Buffer): void {
    let start = 0;
    for (let end = chunk.indexOf(lineFeed); end !== -1; end = chunk.indexOf(lineFeed, start)) {
      this.deliver(this.lineEndingAt(chunk, start, end));
      start = end + 1;
    }
    if (start < chunk.length) this.pending.push(chunk.subarray(start));
  }

  /** Hands on the last line, which has no line feed after it. */
  end(): void {
    if (this.pending.length === 0) return;
    const rest = Buffer.concat(this.pending);
    this.pending = [];
    this.deliver(rest.toString('utf8'));
  }

  private lineEndingAt(chunk: Buffer, start: number, end: number): string {
    if (this.pending.length === 0) return chunk.toString('utf8', start, end);
    const line = Buffer.concat([...this.pending, chunk.subarray(start, end)]).toString('utf8');
    this.pending = [];
    return line;
  }

  private deliver(line: string): void {
    if (line.trim() !== '') this.onLine(line);
  }
}
