import { describe, expect, it } from 'vitest';
import { columnsOf, stackShares } from './series-columns';

describe('columnsOf', () => {
  const stats = {
    from: '2026-01-01T00:00:00.000Z',
    to: '2026-01-01T00:30:00.000Z',
    bucketMinutes: 10,
    series: [
      { at: '2026-01-01T00:20:00.000Z', count: 3 },
      { at: '2026-01-01T00:00:00.000Z', count: 1 },
    ],
  };

  it('gives every bucket of the window, empty ones as null, whatever order the points come in', () => {
    const { t, points } = columnsOf(stats);
    expect([...t]).toEqual([0, 10, 20].map((m) => Date.parse('2026-01-01T00:00:00.000Z') + m * 60_000));
    expect(points.map((p) => p?.count ?? null)).toEqual([1, null, 3]);
  });

  it('counts a partial last bucket and leaves out points outside the window or off the grid', () => {
    const { points } = columnsOf({ ...stats, to: '2026-01-01T00:31:00.000Z', series: [...stats.series, { at: '2026-01-01T00:05:00.000Z', count: 9 }, { at: '2026-01-01T01:00:00.000Z', count: 9 }] });
    expect(points.map((p) => p?.count ?? null)).toEqual([1, null, 3, null]);
  });

  it('is computed once per statistics object', () => {
    expect(columnsOf(stats)).toBe(columnsOf(stats));
  });
});

describe('stackShares', () => {
  it('sums the shares bucket by bucket and keeps empty buckets as gaps', () => {
    expect(stackShares([
      [0.25, null, 1],
      [0.75, null, 0],
    ])).toEqual([
      [0.25, null, 1],
      [1, null, 1],
    ]);
  });
});
