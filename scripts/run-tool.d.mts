/** Where a tool or app lives: tools/<name> or apps/<name>. */
export function packageDir(name: string): string;
/** The node arguments that run a package's entry point: built JavaScript when fresh, TypeScript sources otherwise. */
export function nodeArgsFor(dir: string, entry?: string): string[];
/** How much V8 lets a heap grow past what survived its last full collection, unless KARMADA_HEAP_GROWING_PERCENT says. */
export const defaultHeapGrowingPercent: number;
/** The services whose heaps are sized apart: young generation (each semi-space, in MiB) and growth in percent. */
export const serviceHeaps: Readonly<Record<string, Readonly<{ semiSpaceMiB?: number; growingPercent?: number }>>>;
/** V8's heap flags for a process of package `name` launched here (growth from KARMADA_HEAP_GROWING_PERCENT, none for 0). */
export function heapFlags(env?: NodeJS.ProcessEnv, name?: string): string[];
