// A bounded memory of results lately computed, oldest out first, for the pure steps of a plan that the
// tests repeat hundreds of times on the same inputs (xml/kept-edits.ts, xml/read.ts, properties/edits.ts,
// plan/credential-members.ts, lib/address-regex.ts). Each user keys it by all its step depends on, whole, so
// nothing it hands out can be stale.
//
// A Map hashes a text key over its whole length the first time it meets that string (about 6 ns a character
// here, as long as SHA-256 takes): a key is best a string the caller already holds from before, as the texts
// kept here are, not one built afresh for each lookup.
export class Recent<K, V> {
  private readonly map = new Map<K, V>();
  /**
   * The key last in the map's order, which a hit need not move. A Map's delete leaves a hole that its next
   * rehash clears by copying the table: moving a key on every hit made a new table every few dozen lookups of
   * the same key (loadConfig asks each key's memory once a load, mostly for the same unset value), and the
   * lookups took 0.9 CPU s of the property and bad-input runs, most of it that churn and its garbage.
   */
  private newest: K | undefined;

  constructor(private readonly limit: number) {}

  /** The value kept for the key, which then counts as the most recently used. */
  get(key: K): V | undefined {
    const value = this.map.get(key);
    if (value !== undefined && key !== this.newest) {
      // A Map keeps its keys in the order they were set: the most recently used last.
      this.map.delete(key);
      this.map.set(key, value);
      this.newest = key;
    }
    return value;
  }

  set(key: K, value: V): void {
    // A key set again keeps its place in the order; a new one goes last.
    if (!this.map.has(key)) this.newest = key;
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

/**
 * Plain data as a text that tells any two values apart that differ in anything a reader of them could see:
 * texts quoted as JSON writes them, numbers as JavaScript writes them (-0 and the infinities too), `t`, `f`, `n`
 * and `u` for true, false, null and undefined, arrays and objects (their own enumerable keys, in order)
 * bracketed, each member ended by a comma. Undefined for anything else (a function, a symbol, a BigInt, NaN, an
 * array with holes, an object of a class or without a prototype): such a value is not a key, and its step is computed every time.
 */
// eslint-disable-next-line no-control-regex
const NEEDS_ESCAPE = /["\\\u0000-\u001f\ud800-\udfff]/;

export function plainDataKey(value: unknown): string | undefined {
  switch (typeof value) {
    case "string":
      // Quoted as JSON writes it; most texts need no escape.
      return NEEDS_ESCAPE.test(value) ? JSON.stringify(value) : `"${value}"`;
    case "number":
      return Number.isNaN(value) ? undefined : Object.is(value, -0) ? "-0" : String(value);
    case "boolean":
      return value ? "t" : "f";
    case "undefined":
      return "u";
    case "object": {
      if (value === null) return "n";
      const prototype = Object.getPrototypeOf(value) as unknown;
      if (Array.isArray(value) && prototype === Array.prototype) {
        let key = "[";
        for (let i = 0; i < value.length; i++) {
          // A hole is not an undefined element to forEach and map, which skip it: no key.
          const member = i in value ? plainDataKey(value[i]) : undefined;
          if (member === undefined) return undefined;
          key += member + ",";
        }
        return key + "]";
      }
      if (prototype !== Object.prototype) return undefined;
      let key = "{";
      for (const name of Object.keys(value)) {
        const member = plainDataKey((value as Record<string, unknown>)[name]);
        if (member === undefined) return undefined;
        key += JSON.stringify(name) + ":" + member + ",";
      }
      return key + "}";
    }
    default:
      return undefined;
  }
}

/**
 * The texts a pure edit function made of a source lately, by the source's whole text and then by the whole of
 * the edits (plainDataKey): for engines whose output is a function of those two alone (the file's name only
 * ever told in an error, and a failing edit keeps nothing). Edits that are not plain data are applied every
 * time.
 */
export class EditedTexts<E> {
  private readonly bySource: Recent<string, Recent<string, string>>;

  constructor(
    sources: number,
    private readonly editsPerSource: number,
  ) {
    this.bySource = new Recent(sources);
  }

  of(source: string, edits: E, apply: () => string): string {
    const key = plainDataKey(edits);
    if (key === undefined) return apply();
    let kept = this.bySource.get(source);
    if (!kept) this.bySource.set(source, (kept = new Recent(this.editsPerSource)));
    return kept.of(key, apply);
  }
}

/**
 * Answers about texts lately asked, by the text's whole and then by the question (a path, a file name): for
 * pure readings of a text whose answer is a list only read, handed out as a copy.
 */
export class TextAnswers {
  private readonly byText: Recent<string, Map<string, readonly string[]>>;

  constructor(texts: number) {
    this.byText = new Recent(texts);
  }

  of(text: string, question: string, answer: () => string[]): string[] {
    let answers = this.byText.get(text);
    if (!answers) this.byText.set(text, (answers = new Map()));
    let known = answers.get(question);
    if (!known) answers.set(question, (known = answer()));
    return [...known];
  }
}
