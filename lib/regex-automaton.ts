// Java regular expressions as automata over the characters of IP addresses, to decide what an expression can
// match among addresses from the expression itself, never from samples.
//
// The automaton of an expression (javaRegexTree's syntax tree) accepts every text of the alphabet that the
// expression matches with Matcher.matches(), and possibly more: where an exact automaton does not exist or
// is not worth it, it takes a larger language. Lookarounds and anchors become empty steps (they only ever
// remove matches), a back-reference any text. So "this automaton accepts no text of L" proves "the
// expression matches no text of L"; a text it does accept is checked against the expression itself
// (lib/java-regex.ts) before it is called a match.
import { JavaRegexNode } from "./java-regex";

/** Every character of an address as Java writes one: decimal and lower-case hexadecimal digits, '.' and ':'. */
export const ADDRESS_ALPHABET = "0123456789abcdef.:";
const SIZE = ADDRESS_ALPHABET.length;
const ALL = (1 << SIZE) - 1;
/** No address is longer than 39 characters (eight groups of four hexadecimal digits and seven colons). */
export const ADDRESS_MAX_LENGTH = 39;
/**
 * Copies of a quantified part beyond this many add nothing within ADDRESS_MAX_LENGTH: each copy past the
 * 40th either consumes nothing (and any copy may) or makes the text longer than any address.
 */
const MAX_COPIES = ADDRESS_MAX_LENGTH + 1;

/** A nondeterministic automaton: for each state, its empty steps and its steps on a set of characters (a bit mask). */
export interface Automaton {
  start: number;
  accept: number;
  empty: number[][];
  steps: Array<Array<[mask: number, to: number]>>;
}

const maskOf = (test: (codePoint: number) => boolean): number =>
  [...ADDRESS_ALPHABET].reduce((mask, c, i) => (test(c.codePointAt(0)!) ? mask | (1 << i) : mask), 0);

const isDigit = (c: number) => c >= 0x30 && c <= 0x39;
const isWord = (c: number) => isDigit(c) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || c === 0x5f;
/** Java's \s without UNICODE_CHARACTER_CLASS, [ \t\n\x0B\f\r], holds no character of the alphabet. */
const isSpace = (c: number) => c === 0x20 || (c >= 0x09 && c <= 0x0d);

function escapeMask(letter: string): number {
  const test = { d: isDigit, w: isWord, s: isSpace }[letter.toLowerCase() as "d" | "w" | "s"];
  const mask = maskOf(test);
  return letter === letter.toLowerCase() ? mask : ALL & ~mask;
}

/** The automaton of an expression's syntax tree, as above. */
export function automatonOf(tree: JavaRegexNode): Automaton {
  const empty: number[][] = [];
  const steps: Array<Array<[number, number]>> = [];
  const state = () => {
    empty.push([]);
    steps.push([]);
    return empty.length - 1;
  };
  /** A fragment from `from` to a new end state. */
  const build = (node: JavaRegexNode, from: number): number => {
    switch (node.type) {
      case "alternative":
        return node.body.reduce((at, part) => build(part, at), from);
      case "disjunction": {
        const end = state();
        for (const branch of node.body) empty[build(branch, from)].push(end);
        return end;
      }
      case "group":
        // A lookaround only removes matches: taken as matching the empty text.
        if (node.behavior !== "normal" && node.behavior !== "ignore") return from;
        return node.body.reduce((at, part) => build(part, at), from);
      case "quantifier": {
        const min = Math.min(node.min, MAX_COPIES);
        const max = node.max === undefined ? undefined : Math.min(node.max, MAX_COPIES);
        let at = from;
        for (let i = 0; i < min; i++) at = build(node.body[0], at);
        if (max === undefined) {
          // Any number more: a loop through one more copy.
          const loop = state();
          empty[at].push(loop);
          empty[build(node.body[0], loop)].push(loop);
          return loop;
        }
        const end = state();
        empty[at].push(end);
        for (let i = min; i < max; i++) {
          at = build(node.body[0], at);
          empty[at].push(end);
        }
        return end;
      }
      case "value":
        return character(
          from,
          maskOf((c) => c === node.codePoint),
        );
      case "dot":
        // '.' leaves out only line terminators, none of which is in the alphabet.
        return character(from, ALL);
      case "characterClassEscape":
        return character(from, escapeMask(node.value));
      case "characterClass": {
        const mask = node.body.reduce((m, member) => {
          if (member.type === "value") return m | maskOf((c) => c === member.codePoint);
          if (member.type === "characterClassRange") return m | maskOf((c) => c >= member.min.codePoint && c <= member.max.codePoint);
          if (member.type === "characterClassEscape") return m | escapeMask(member.value);
          throw new Error(`a class member javaRegex() refuses reached the automaton: ${member.raw}`);
        }, 0);
        return character(from, node.negative ? ALL & ~mask : mask);
      }
      case "anchor":
        // Matcher.matches() tests the whole text; ^, $, \b and \B only ever remove matches.
        return from;
      case "reference": {
        // What a group matched, taken as any text.
        const loop = state();
        empty[from].push(loop);
        steps[loop].push([ALL, loop]);
        return loop;
      }
      default:
        throw new Error(`a part javaRegex() refuses reached the automaton: ${node.raw}`);
    }
  };
  const character = (from: number, mask: number): number => {
    const to = state();
    if (mask !== 0) steps[from].push([mask, to]);
    return to;
  };
  const start = state();
  const accept = build(tree, start);
  return { start, accept, empty, steps };
}

/** The states reachable from `states` by empty steps, sorted. */
function closure(a: Automaton, states: Iterable<number>): number[] {
  const seen = new Set<number>();
  const stack = [...states];
  while (stack.length) {
    const s = stack.pop()!;
    if (seen.has(s)) continue;
    seen.add(s);
    stack.push(...a.empty[s]);
  }
  return [...seen].sort((x, y) => x - y);
}

/**
 * An automaton made deterministic as it is walked: each set of its states gets a number, and each step from
 * a set on a character is worked out once. The automata of every address and of the non-public ones are
 * walked by every decision, so theirs are kept for the process.
 */
class Walk {
  private readonly ids = new Map<string, number>();
  private readonly sets: number[][] = [];
  private readonly next = new Map<number, number>();
  /** The number of the empty set: no state left. */
  readonly dead: number;
  readonly start: number;

  constructor(private readonly a: Automaton) {
    this.dead = this.id([]);
    this.start = this.id(closure(a, [a.start]));
  }

  private id(set: number[]): number {
    const key = set.join(",");
    let id = this.ids.get(key);
    if (id === undefined) {
      id = this.sets.length;
      this.ids.set(key, id);
      this.sets.push(set);
    }
    return id;
  }

  accepts(id: number): boolean {
    return this.sets[id].includes(this.a.accept);
  }

  step(id: number, symbol: number): number {
    const key = id * SIZE + symbol;
    let to = this.next.get(key);
    if (to === undefined) {
      const reached: number[] = [];
      for (const s of this.sets[id]) for (const [mask, target] of this.a.steps[s]) if (mask & (1 << symbol)) reached.push(target);
      to = this.id(closure(this.a, reached));
      this.next.set(key, to);
    }
    return to;
  }
}

const walks = new WeakMap<Automaton, Walk>();
function walkOf(a: Automaton): Walk {
  let walk = walks.get(a);
  if (!walk) walks.set(a, (walk = new Walk(a)));
  return walk;
}

export type Search = { found: string } | { found: undefined; complete: boolean };

/**
 * The shortest text, of at most `maxLength` characters, that every automaton of `all` accepts and none of
 * `none` accepts: breadth first over the product of the automata, each made deterministic as it is walked.
 * `complete` is false when `budget` product states were walked without an answer either way.
 */
export function shortestText(all: Automaton[], none: Automaton[], maxLength: number, budget: number): Search {
  const automata = [...all, ...none].map(walkOf);
  type Node = { ids: number[]; text: string };
  const accepts = (ids: number[]) => ids.every((id, i) => (i < all.length ? automata[i].accepts(id) : !automata[i].accepts(id)));
  let layer: Node[] = [{ ids: automata.map((w) => w.start), text: "" }];
  const seen = new Set([layer[0].ids.join(",")]);
  for (let length = 0; length <= maxLength; length++) {
    for (const node of layer) if (accepts(node.ids)) return { found: node.text };
    if (length === maxLength) break;
    const next: Node[] = [];
    for (const node of layer) {
      for (let symbol = 0; symbol < SIZE; symbol++) {
        const ids: number[] = [];
        let alive = true;
        for (let i = 0; i < automata.length && alive; i++) {
          ids.push(automata[i].step(node.ids[i], symbol));
          // An automaton of `all` with no state left accepts no continuation.
          if (i < all.length && ids[i] === automata[i].dead) alive = false;
        }
        if (!alive) continue;
        const key = ids.join(",");
        if (seen.has(key)) continue;
        if (seen.size >= budget) return { found: undefined, complete: false };
        seen.add(key);
        next.push({ ids, text: node.text + ADDRESS_ALPHABET[symbol] });
      }
    }
    layer = next;
  }
  return { found: undefined, complete: true };
}
