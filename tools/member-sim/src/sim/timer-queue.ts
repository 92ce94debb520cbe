/**
 * One timer for many deadlines (pods becoming Ready across a thousand clusters): a binary min-heap of due times
 * and a single setTimeout armed for the earliest.
 */
interface Entry {
  due: number;
  seq: number;
  run: () => void;
}

export class TimerQueue {
  private readonly heap: Entry[] = [];
  private timer: NodeJS.Timeout | undefined;
  private armedFor = Infinity;
  private seq = 0;
  private stopped = false;

  constructor(private readonly now: () => number = Date.now) {}

  get size(): number {
    return this.heap.length;
  }

  /** Runs `run` once `delayMs` has passed (0 = on the next turn of the event loop). */
  schedule(delayMs: number, run: () => void): void {
    if (this.stopped) return;
    this.push({ due: this.now() + Math.max(0, delayMs), seq: this.seq++, run });
    this.arm();
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.heap.length = 0;
  }

  private arm(): void {
    const next = this.heap[0];
    if (!next || next.due >= this.armedFor) return;
    if (this.timer) clearTimeout(this.timer);
    this.armedFor = next.due;
    this.timer = setTimeout(() => this.fire(), Math.max(0, next.due - this.now()));
    this.timer.unref();
  }

  private fire(): void {
    this.timer = undefined;
    this.armedFor = Infinity;
    const now = this.now();
    while (this.heap.length > 0 && this.heap[0]!.due <= now) {
      const entry = this.pop()!;
      try {
        entry.run();
      } catch (error) {
        console.error('member-sim timer:', error);
      }
    }
    this.arm();
  }

  private less(a: Entry, b: Entry): boolean {
    return a.due < b.due || (a.due === b.due && a.seq < b.seq);
  }

  private push(entry: Entry): void {
    const heap = this.heap;
    heap.push(entry);
    let i = heap.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.less(heap[i]!, heap[parent]!)) break;
      [heap[i], heap[parent]] = [heap[parent]!, heap[i]!];
      i = parent;
    }
  }

  private pop(): Entry | undefined {
    const heap = this.heap;
    const top = heap[0];
    const last = heap.pop();
    if (heap.length > 0 && last) {
      heap[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < heap.length && this.less(heap[l]!, heap[m]!)) m = l;
        if (r < heap.length && this.less(heap[r]!, heap[m]!)) m = r;
        if (m === i) break;
        [heap[i], heap[m]] = [heap[m]!, heap[i]!];
        i = m;
      }
    }
    return top;
  }
}
