/**
 * An unbounded single-consumer async queue: producers push synchronously, one consumer iterates; `close()` ends the
 * iteration after what is queued has been read (`abort()` ends it at once).
 */
export class WatchChannel<T> implements AsyncIterable<T> {
  private queue: T[] = [];
  private head = 0;
  private waiting: ((result: IteratorResult<T>) => void) | undefined;
  private closed = false;
  private readonly onClose: (() => void) | undefined;

  constructor(onClose?: () => void) {
    this.onClose = onClose;
  }

  get isClosed(): boolean {
    return this.closed;
  }

  push(value: T): void {
    if (this.closed) return;
    const waiter = this.waiting;
    if (waiter) {
      this.waiting = undefined;
      waiter({ value, done: false });
    } else this.queue.push(value);
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.onClose?.();
    const waiter = this.waiting;
    if (waiter) {
      this.waiting = undefined;
      waiter({ value: undefined, done: true });
    }
  }

  abort(): void {
    this.queue = [];
    this.head = 0;
    this.close();
  }

  private next(): Promise<IteratorResult<T>> {
    if (this.head < this.queue.length) {
      const value = this.queue[this.head++]!;
      if (this.head > 1024 && this.head * 2 > this.queue.length) {
        this.queue = this.queue.slice(this.head);
        this.head = 0;
      }
      return Promise.resolve({ value, done: false });
    }
    if (this.closed) return Promise.resolve({ value: undefined, done: true });
    return new Promise((resolve) => (this.waiting = resolve));
  }

  [Symbol.asyncIterator](): AsyncIterator<T> {
    return {
      next: () => this.next(),
      return: () => {
        this.abort();
        return Promise.resolve({ value: undefined, done: true });
      },
    };
  }
}
