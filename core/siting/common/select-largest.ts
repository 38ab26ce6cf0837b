/**
 * Mark the `count` largest of `values` in `picked` (ties broken by lower index) and return their
 * sum. Linear time on average (quickselect on a copy), because the bounds call it on every
 * subgradient step over thousands of candidates.
 */
export function selectLargest(values: Float64Array, count: number, picked: Uint8Array, scratch: Float64Array): number {
  const n = values.length;
  picked.fill(0);
  if (count <= 0) return 0;
  if (count >= n) {
    picked.fill(1);
    let total = 0;
    for (const value of values) total += value;
    return total;
  }
  scratch.set(values);
  const threshold = kthLargest(scratch, count);
  let total = 0;
  let taken = 0;
  for (let i = 0; i < n; i += 1) {
    if (values[i] > threshold) {
      picked[i] = 1;
      total += values[i];
      taken += 1;
    }
  }
  for (let i = 0; i < n && taken < count; i += 1) {
    if (values[i] === threshold) {
      picked[i] = 1;
      total += values[i];
      taken += 1;
    }
  }
  return total;
}

/** The k-th largest (k ≥ 1) of `array`, which it reorders. */
function kthLargest(array: Float64Array, k: number): number {
  let low = 0;
  let high = array.length - 1;
  const target = k - 1;
  while (low < high) {
    // Middle element as pivot; the data are not adversarial.
    const pivot = array[(low + high) >> 1];
    let left = low;
    let right = high;
    while (left <= right) {
      while (array[left] > pivot) left += 1;
      while (array[right] < pivot) right -= 1;
      if (left <= right) {
        const swap = array[left];
        array[left] = array[right];
        array[right] = swap;
        left += 1;
        right -= 1;
      }
    }
    if (target <= right) high = right;
    else if (target >= left) low = left;
    else return array[target];
  }
  return array[target];
}
