// tests/helpers/json-copy.ts gives what JSON's round trip gives, on everything JSON treats apart.
import { jsonCopy } from "./helpers/json-copy";

const roundTrip = (value: unknown) => JSON.parse(JSON.stringify(value)) as unknown;

describe("jsonCopy", () => {
  class Point {
    constructor(
      readonly x: number,
      readonly y = undefined,
    ) {}
  }
  const sparse = [1, , 3]; // eslint-disable-line no-sparse-arrays
  const extra = Object.assign([1, 2], { named: "left out" });
  const values: Record<string, unknown> = {
    text: 'é\u2028\u0000"\\',
    numbers: [0, -0, 1.5, NaN, Infinity, -Infinity, Number.MAX_VALUE],
    booleans: [true, false],
    nulls: [null, undefined, () => 1, Symbol("s")],
    members: { a: undefined, b: () => 1, c: Symbol("s"), d: null, e: "", [Symbol("k")]: 1 },
    sparse,
    extra,
    date: new Date(0),
    instance: new Point(1),
    withToJson: { toJSON: (key: string) => `at ${key}` },
    boxed: [Object("text"), Object(1), Object(true)],
    nested: { list: [{ a: [[]] }], "weird key \n": {} },
    noPrototype: Object.assign(Object.create(null), { a: 1 }),
    protoKey: JSON.parse('{"__proto__": {"a": 1}}'),
  };

  it.each(Object.entries(values))("%s", (_name, value) => {
    expect(jsonCopy(value)).toStrictEqual(roundTrip(value));
    expect(jsonCopy({ value })).toStrictEqual(roundTrip({ value }));
    expect(jsonCopy([value])).toStrictEqual(roundTrip([value]));
  });

  it("gives a copy: changing it leaves the original", () => {
    const original = { spec: { replicas: 2, containers: [{ image: "a" }] } };
    const copy = jsonCopy(original) as typeof original;
    copy.spec.replicas = 1;
    copy.spec.containers[0].image = "b";
    expect(original).toEqual({ spec: { replicas: 2, containers: [{ image: "a" }] } });
  });

  it("refuses what JSON refuses", () => {
    expect(() => jsonCopy({ a: 1n })).toThrow(TypeError);
  });
});
