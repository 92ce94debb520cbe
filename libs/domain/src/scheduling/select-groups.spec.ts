import { expect } from 'chai';
import { selectGroups, type GroupInfo } from './select-groups.js';

const group = (name: string, value: number, weight: number): GroupInfo => ({ name, value, weight });

describe('selectGroups', () => {
  const cases: { name: string; groups: GroupInfo[]; min: number; max: number; target: number; want: string[] }[] = [
    { name: 'no groups', groups: [], min: 2, max: 3, target: 1, want: [] },
    { name: 'fewer groups than minGroups', groups: [group('R1', 1, 80)], min: 2, max: 3, target: 1, want: [] },
    { name: 'not enough clusters in any combination', groups: [group('R1', 1, 80), group('R2', 2, 30)], min: 2, max: 3, target: 4, want: [] },
    { name: 'a single group that fits', groups: [group('R1', 1, 80)], min: 1, max: 3, target: 1, want: ['R1'] },
    {
      name: 'only one combination reaches the target',
      groups: [group('R1', 1, 80), group('R3', 1, 80), group('R2', 1, 60), group('R5', 2, 60), group('R4', 5, 50), group('R6', 3, 50)],
      min: 1,
      max: 3,
      target: 10,
      want: ['R5', 'R4', 'R6'],
    },
    {
      name: 'fewer groups win when a shorter combination is a prefix of the best one',
      groups: [group('R1', 1, 80), group('R2', 4, 40), group('R3', 1, 30), group('R4', 3, 30), group('R5', 3, 20), group('R6', 5, 10)],
      min: 2,
      max: 6,
      target: 5,
      want: ['R1', 'R2'],
    },
    {
      name: 'the highest total score wins',
      groups: [group('R1', 1, 60), group('R2', 1, 50), group('R3', 1, 40), group('R4', 3, 30), group('R5', 3, 20), group('R6', 3, 10)],
      min: 1,
      max: 3,
      target: 6,
      want: ['R1', 'R4', 'R5'],
    },
    {
      name: 'equal scores: the combination found first wins',
      groups: [group('R1', 1, 60), group('R2', 2, 50), group('R3', 3, 40), group('R4', 4, 30)],
      min: 1,
      max: 2,
      target: 5,
      want: ['R1', 'R4'],
    },
    {
      name: 'equal scores: more clusters win',
      groups: [group('R4', 1, 60), group('R3', 3, 50), group('R1', 3, 40), group('R2', 4, 30)],
      min: 1,
      max: 2,
      target: 5,
      want: ['R3', 'R1'],
    },
    { name: 'exactly minGroups groups: all of them', groups: [group('A', 1, 10), group('B', 1, 90)], min: 2, max: 2, target: 2, want: ['B', 'A'] },
    { name: 'maxGroups 0 (unset): nothing fits', groups: [group('A', 3, 10)], min: 1, max: 0, target: 1, want: [] },
  ];
  for (const c of cases) {
    it(c.name, () => expect(selectGroups(c.groups, c.min, c.max, c.target).map((g) => g.name)).to.deep.equal(c.want));
  }
});
