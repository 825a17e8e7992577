// Messages filed by buyer: what goes into a bucket comes out, in order, whether it stayed in memory or
// went to a temporary file; and a month worked from spilled buckets is the month worked in memory.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BucketStore } from '../src/io/buckets.js';
import { runCli } from './helpers/cli.js';

describe('buckets of messages', () => {
  it('give back what was filed, in order, across spills to disk', () => {
    const store = new BucketStore(4, 12 * 10); // a spill every 10 messages
    for (let i = 0; i < 1000; i++) store.add(1_000_000 + i, i % 7, i % 13, (i % 13) % 4);
    let seen = 0;
    for (let b = 0; b < 4; b++) {
      const bucket = store.read(b);
      const expected = Array.from({ length: 1000 }, (_, i) => i).filter((i) => (i % 13) % 4 === b);
      expect(Array.from(bucket.stamp)).toEqual(expected.map((i) => 1_000_000 + i));
      expect(Array.from(bucket.channel)).toEqual(expected.map((i) => i % 7));
      expect(Array.from(bucket.buyer)).toEqual(expected.map((i) => i % 13));
      seen += bucket.count;
      store.release(b);
    }
    expect(seen).toBe(1000);
    const dir = (store as unknown as { dir?: string }).dir;
    expect(dir && existsSync(dir)).toBe(true);
    store.dispose();
    expect(existsSync(dir as string)).toBe(false);
  });

  it('a month from buckets spilled to disk is the month worked in memory', async () => {
    const raw = join(import.meta.dirname, '..', 'fixtures', '2026-10-raw');
    const args = [
      'report', '--scheme', join(raw, 'scheme.yaml'), '--period', '2026-10', '--roster', join(raw, '..', '2026-10', 'roster.csv'),
      '--messages', join(raw, 'messages.csv'), '--orders', join(raw, 'orders.csv'), '--facts', join(raw, 'facts.csv'), '--format', 'json',
    ];
    const inMemory = await runCli(args);
    const spilled = await runCli(args, { env: { KEFU_BUCKET_BYTES: '4096' } });
    expect(spilled.code).toBe(0);
    expect(spilled.stdout).toBe(inMemory.stdout);
    expect(spilled.stderr).toBe(inMemory.stderr);
  });
});
