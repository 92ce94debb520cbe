import type { JetStreamManager } from '@nats-io/jetstream';
import type { Subjects } from '@karmada-ts/contracts';

/** Messages the instance's consumers gave up on: what is stored under `<instance>.deadletter.>`, by subject. */
export async function deadLetters(jsm: JetStreamManager, subjects: Subjects): Promise<Record<string, number>> {
  const info = await jsm.streams.info(subjects.stream, { subjects_filter: subjects.deadLetterFilter() });
  return info.state.subjects ?? {};
}

export function countOf(bySubject: Readonly<Record<string, number>>): number {
  return Object.values(bySubject).reduce((sum, n) => sum + n, 0);
}
