// Messages filed by buyer: what goes into a bucket comes out, in order, whether it stayed in memory or
// went to a temporary file; a bucket's buyers are numbered within it; and a month worked from spilled
// buckets is the month worked in memory.
import { readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BucketStore } from '../src/io/buckets.js';
import { prepareBucket } from '../src/cli/bucket-job.js';
import { hashBytes } from '../src/parse/byte-names.js';
import { orderColumns, type OrderLines } from '../src/core/metrics/raw/raw.js';
import { runCli } from './helpers/cli.js';

const noOrders = {
  keys: { arena: new Uint8Array(0), keyStart: new Int32Array(1), count: 0 },
  lines: { ...orderColumns((_, type) => new type(0)), count: 0, files: [], fileOf: new Uint8Array(0), lineNumber: new Int32Array(0) } satisfies OrderLines,
};

describe('buckets of messages', () => {
  it('give back what was filed, in order, across spills to disk, buyers numbered within the bucket', () => {
    const before = new Set(readdirSync(tmpdir()));
    const store = new BucketStore(4, 200); // a spill every few messages
    const name = (i: number) => Buffer.from(`买家${i % 13}`, 'utf8');
    for (let i = 0; i < 1000; i++) {
      const bytes = name(i);
      store.add((i % 13) % 4, 4_000_000_000 + i, i % 7, bytes, 0, bytes.length, hashBytes(bytes, 0, bytes.length));
    }
    let seen = 0;
    for (let b = 0; b < 4; b++) {
      const bucket = prepareBucket({ index: b, raw: store.read(b), orders: noOrders });
      const expected = Array.from({ length: 1000 }, (_, i) => i).filter((i) => (i % 13) % 4 === b);
      expect(Array.from(bucket.stamp)).toEqual(expected.map((i) => 4_000_000_000 + i)); // past 2^31: read back unsigned
      expect(Array.from(bucket.channel)).toEqual(expected.map((i) => i % 7));
      // Buyers numbered 0, 1, … in the order they first come in the bucket; one name, one number.
      const order = [...new Set(expected.map((i) => i % 13))];
      expect(Array.from(bucket.buyer)).toEqual(expected.map((i) => order.indexOf(i % 13)));
      expect(bucket.buyers).toBe(order.length);
      seen += bucket.count;
      store.release(b);
    }
    expect(seen).toBe(1000);
    // The spilled files were unlinked when opened: nothing of them is on disk, during the run or after.
    expect((store as unknown as { file?: number }).file).toBeTypeOf('number');
    expect(readdirSync(tmpdir()).filter((name) => name.startsWith('kefu-') && !before.has(name))).toEqual([]);
    store.dispose();
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
