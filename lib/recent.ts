// A bounded memory of results lately computed, oldest out first, for the pure steps of a plan that the
// tests repeat hundreds of times on the same inputs (xml/kept-edits.ts, plan/credential-members.ts,
// plan/node-files-configmap.ts). Each user keys it by all its step depends on, whole, so nothing it hands
// out can be stale.
export class Recent<K, V> {
  private readonly map = new Map<K, V>();

  constructor(private readonly limit: number) {}

  /** The value kept for the key, which then counts as the most recently used. */
  get(key: K): V | undefined {
    const value = this.map.get(key);
    if (value !== undefined) {
      // A Map keeps its keys in the order they were set: the most recently used last.
      this.map.delete(key);
      this.map.set(key, value);
    }
    return value;
  }

  set(key: K, value: V): void {
    this.map.set(key, value);
    if (this.map.size > this.limit) this.map.delete(this.map.keys().next().value as K);
  }

  /** The value kept for the key, or the one `compute` gives, kept then; a throw keeps nothing. */
  of(key: K, compute: () => V): V {
    const known = this.get(key);
    if (known !== undefined) return known;
    const value = compute();
    this.set(key, value);
    return value;
  }
}
