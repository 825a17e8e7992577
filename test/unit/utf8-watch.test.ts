// The check that a big table read as UTF-8 stays UTF-8 to its end (io/files.ts Utf8Watch): characters
// cut at any chunk edge are carried over, the first bad byte is found where it is, and ASCII is told
// apart (a file may switch to GB18030 only after nothing but ASCII).
import { describe, expect, it } from 'vitest';
import { Utf8Watch } from '../../src/io/files.js';

/** Feed `bytes` in chunks of `size`; the offset in the whole input of the first bad byte, or −1. */
function firstBad(bytes: Uint8Array, size: number): { bad: number; asciiBefore: boolean[] } {
  const watch = new Utf8Watch();
  const asciiBefore: boolean[] = [];
  for (let at = 0; at < bytes.length; at += size) {
    const chunk = bytes.subarray(at, Math.min(bytes.length, at + size));
    const bad = watch.check(chunk, at + size >= bytes.length);
    asciiBefore.push(watch.asciiBefore);
    if (bad >= 0) return { bad: at + bad, asciiBefore };
  }
  return { bad: -1, asciiBefore };
}

describe('Utf8Watch', () => {
  // 2-, 3- and 4-byte characters among ASCII: é 中 𠀀.
  const text = Buffer.from('ab,é中𠀀x,"买家"\n店:王,😀\n', 'utf8');

  it('finds no bad byte in valid UTF-8 cut into chunks of every size from 1 to 9 bytes', () => {
    for (let size = 1; size <= 9; size++) expect(firstBad(text, size).bad, `chunks of ${size}`).toBe(-1);
  });

  it('finds a GBK byte where it is, whatever the chunks', () => {
    // 在 in GBK is D4 DA: D4 starts a two-byte UTF-8 character, DA does not continue one.
    const mixed = Buffer.concat([text, Buffer.from([0xd4, 0xda]), Buffer.from('\n', 'ascii')]);
    // When D4 is the last byte of its chunk it is carried over, and the bad byte is reported at the
    // start of the next chunk (the line it is on is found from there all the same).
    for (let size = 1; size <= 9; size++) {
      const carried = (text.length + 1) % size === 0;
      expect(firstBad(mixed, size).bad, `chunks of ${size}`).toBe(carried ? text.length + 1 : text.length);
    }
  });

  it('calls a character cut off at the end of the input bad', () => {
    const cut = text.subarray(0, text.indexOf(Buffer.from('中', 'utf8')) + 2); // 中 is three bytes: two kept
    expect(firstBad(cut, 4).bad).toBe(cut.length - 2);
  });

  it('says whether everything before a chunk was ASCII, a character carried across an edge left aside', () => {
    const ascii = Buffer.from('time,shop\n', 'ascii');
    // Chunks of 4: "time", ",sho", "p\n" — all ASCII.
    expect(firstBad(ascii, 4).asciiBefore).toEqual([true, true, true]);
    // é (C3 A9) cut between the first and second chunk, "abc" + C3 | A9 ",x" | "\n": ASCII before the
    // second chunk (é is carried into it), not before the third.
    const accent = Buffer.from('abcé,x\n', 'utf8');
    expect(firstBad(accent, 4).asciiBefore).toEqual([true, true]);
    expect(firstBad(Buffer.from('abcé,x\ny\n', 'utf8'), 4).asciiBefore).toEqual([true, true, false]);
    // An ASCII file whose GBK begins with a byte that is cut at a chunk's edge: bad at the next chunk,
    // with nothing but ASCII before — so the file may still switch to GB18030 there.
    const gbk = Buffer.concat([Buffer.from('abc', 'ascii'), Buffer.from([0xd4, 0xda, 0x0a])]);
    const seen = firstBad(gbk, 4);
    expect(seen.bad).toBe(4);
    expect(seen.asciiBefore).toEqual([true, true]);
  });
});
