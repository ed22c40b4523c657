// What the plan keeps between plans (lib/recent.ts, xml/kept-edits.ts) is handed out only for the same inputs:
// anything that differs in any way is computed afresh, and a failing step fails every time.
import { plainDataKey, Recent, TextAnswers } from "../lib/recent";
import { applyEdits, XmlEdit, XmlEditError } from "../xml/edits";
import { keptEdits } from "../xml/kept-edits";

const source = `<Server>
    <Ports>
        <Offset>0</Offset>
    </Ports>
    <clustering enable="false"/>
</Server>
`;

const set = (value: string, extra: Partial<Extract<XmlEdit, { kind: "set" }>> = {}): XmlEdit => ({
  kind: "set",
  path: "/Server/Ports/Offset",
  value,
  ...extra,
});

describe("plainDataKey", () => {
  it("tells apart values that differ in anything a reader sees", () => {
    const values: unknown[] = [
      "u",
      undefined,
      null,
      "null",
      "n",
      [],
      {},
      [undefined],
      [null],
      [[]],
      [[], []],
      [[[]]],
      0,
      -0,
      "0",
      Infinity,
      -Infinity,
      "Infinity",
      true,
      "t",
      { a: undefined },
      { a: "u" },
      { b: undefined },
      { a: 1, b: 2 },
      { b: 2, a: 1 },
      { "a,": 1 },
      { a: { ",": 1 } },
      ["a", "b"],
      ["a,b"],
      ['a","b'],
      '"',
      "\\",
      "\\u0000",
      "\u0000",
      "\ud800",
      "\\ud800",
      "\ud83d\ude00",
      set("1", { create: { after: undefined } }),
      set("1", { create: {} }),
      set("1", { create: { after: "u" } }),
    ];
    const keys = values.map(plainDataKey);
    expect(keys.every((k) => k !== undefined)).toBe(true);
    expect(new Set(keys).size).toBe(values.length);
  });

  it("gives the same key to equal values built apart", () => {
    const build = () => [set("1", { create: { after: "x" } }), { kind: "remove", path: "/a", ifPresent: true }];
    expect(plainDataKey(build())).toBe(plainDataKey(JSON.parse(JSON.stringify(build()))));
  });

  it("keys nothing but plain data", () => {
    const notPlain = [
      [, 1], // eslint-disable-line no-sparse-arrays
      NaN,
      new Date(0),
      () => "0",
      Object.assign(Object.create(null), { a: "b" }),
      { toJSON: () => "0" },
      Symbol("s"),
      1n,
      new Map(),
    ];
    for (const value of notPlain) {
      expect(plainDataKey(value)).toBeUndefined();
      expect(plainDataKey([set("1"), { nested: [value] }])).toBeUndefined();
    }
  });
});

describe("Recent", () => {
  it("keeps the most recently used, up to its limit, and nothing for a throw", () => {
    const recent = new Recent<string, number>(2);
    recent.set("a", 1);
    recent.set("b", 2);
    expect(recent.get("a")).toBe(1);
    recent.set("c", 3); // b is the oldest used
    expect([recent.get("a"), recent.get("b"), recent.get("c")]).toEqual([1, undefined, 3]);
    let computed = 0;
    expect(recent.of("d", () => ++computed)).toBe(1);
    expect(recent.of("d", () => ++computed)).toBe(1);
    expect(() =>
      recent.of("e", () => {
        throw new Error("no");
      }),
    ).toThrow("no");
    expect(recent.get("e")).toBeUndefined();
  });

  it("keeps that order when the newest key is asked for again, or an older one is set again", () => {
    const recent = new Recent<string, number>(2);
    recent.set("a", 1);
    recent.set("b", 2);
    expect([recent.get("b"), recent.get("b")]).toEqual([2, 2]);
    recent.set("c", 3); // a is the oldest used
    expect([recent.get("a"), recent.get("b"), recent.get("c")]).toEqual([undefined, 2, 3]);
    recent.set("b", 4); // set again, b keeps its place: older than c
    recent.set("d", 5);
    expect([recent.get("b"), recent.get("c"), recent.get("d")]).toEqual([undefined, 3, 5]);
  });
});

describe("TextAnswers", () => {
  it("answers a question about a text once, apart from other questions and texts, and hands out copies", () => {
    const answers = new TextAnswers(2);
    const asked: string[] = [];
    const ask = (text: string, question: string) => answers.of(text, question, () => (asked.push(`${text}?${question}`), [text, question]));
    expect(ask("one", "a")).toEqual(["one", "a"]);
    ask("one", "a").push("changed by a caller");
    expect(ask("one", "a")).toEqual(["one", "a"]);
    expect(ask("one", "b")).toEqual(["one", "b"]);
    expect(ask("two", "a")).toEqual(["two", "a"]);
    expect(asked).toEqual(["one?a", "one?b", "two?a"]);
    expect(() =>
      answers.of("one", "c", () => {
        throw new Error("no");
      }),
    ).toThrow("no");
    expect(ask("one", "c")).toEqual(["one", "c"]);
  });
});

describe("keptEdits", () => {
  it("gives what applyEdits gives, the second time from what it kept", () => {
    const edits = [set("3"), { kind: "set", path: "/Server/clustering/@enable", value: "true" } as XmlEdit];
    const edited = applyEdits("carbon.xml", source, edits);
    expect(edited).toContain("<Offset>3</Offset>");
    expect(keptEdits("carbon.xml", source, edits)).toBe(edited);
    expect(keptEdits("carbon.xml", source, JSON.parse(JSON.stringify(edits)) as XmlEdit[])).toBe(edited);
    expect(keptEdits("carbon.xml", source, [set("4")])).toContain("<Offset>4</Offset>");
    const otherSource = source.replace('enable="false"', 'enable="no"');
    expect(keptEdits("carbon.xml", otherSource, [set("4")])).toBe(applyEdits("carbon.xml", otherSource, [set("4")]));
  });

  it("fails a failing edit every time", () => {
    const missing: XmlEdit[] = [{ kind: "set", path: "/Server/Nowhere", value: "1" }];
    expect(() => keptEdits("carbon.xml", source, missing)).toThrow(XmlEditError);
    expect(() => keptEdits("carbon.xml", source, missing)).toThrow(XmlEditError);
  });
});
