// Core: grouping and sorting of item numbers, the two ways the raw month is taken apart — by a small
// dense key with a counting sort, and short runs by a comparator. Pure.

/** Items 0…n−1 grouped by a dense key 0…k−1, in order within a key: items[start[key], start[key + 1]). */
export function groupBy(n: number, k: number, keyOf: (item: number) => number): { start: Int32Array; items: Int32Array } {
  const start = new Int32Array(k + 1);
  for (let i = 0; i < n; i++) start[keyOf(i) + 1]!++;
  for (let j = 0; j < k; j++) start[j + 1] = (start[j + 1] as number) + (start[j] as number);
  const fill = start.slice(0, k);
  const items = new Int32Array(n);
  for (let i = 0; i < n; i++) items[fill[keyOf(i)]!++] = i;
  return { start, items };
}

/** Sort items[from, to) with a comparator: insertion sort for the short runs most groups are. */
export function sortRange(items: Int32Array, from: number, to: number, compare: (a: number, b: number) => number): void {
  if (to - from > 32) {
    items.subarray(from, to).sort(compare);
    return;
  }
  for (let i = from + 1; i < to; i++) {
    const item = items[i] as number;
    let j = i - 1;
    while (j >= from && compare(items[j] as number, item) > 0) {
      items[j + 1] = items[j] as number;
      j--;
    }
    items[j + 1] = item;
  }
}
