/** The part of a response a CoalescedWriter writes to. */
export interface LineSink {
  write(chunk: string): unknown;
}

/**
 * Gathers the lines written in one turn of the event loop and writes them as one chunk when the loop reaches its
 * check phase (setImmediate). A watch serving a busy store gets events from every request handled in the same I/O
 * round; written one by one, each was its own chunk, its own syscall, and its own `data` event for the client to
 * parse. `flush()` writes what is gathered at once (before the response ends).
 */
export class CoalescedWriter {
  private pending: string[] = [];
  private scheduled: NodeJS.Immediate | undefined;

  constructor(private readonly sink: LineSink) {}

  write(line: string): void {
    this.pending.push(line);
    this.scheduled ??= setImmediate(() => this.flush());
  }

  flush(): void {
    if (this.scheduled) clearImmediate(this.scheduled);
    this.scheduled = undefined;
    if (this.pending.length === 0) return;
    const chunk = this.pending.length === 1 ? this.pending[0]! : this.pending.join('');
    this.pending = [];
    this.sink.write(chunk);
  }
}
