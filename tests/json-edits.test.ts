// The JSON edit engine, for the consent apps' conf.json: Jaggery reads them as JavaScript, so they may hold
// comments and trailing commas. An edit changes the value it names and nothing else, and refuses loudly.
import { applyJsonEdits, JsonEditError, replaceJsonStrings } from "../json/edits";

const source = `// a comment the pack has
{
\t"host" : "obam",
\t// "host" : "commented-out",
\t"port" : "9446",
\t"nested" : { "url" : "https://localhost:9446/x", },
\t"list" : [1, 2],
}
`;

describe("the JSON edit engine", () => {
  it("changes only the values it names, keeping comments, trailing commas, spacing and order", () => {
    const edited = applyJsonEdits("conf.json", source, [
      { kind: "set", path: ["host"], value: "gw.bank.example" },
      { kind: "set", path: ["nested", "url"], value: 'https://km.bank.example/"x"' },
    ]);
    expect(edited).toBe(
      source.replace('"host" : "obam"', '"host" : "gw.bank.example"').replace('"https://localhost:9446/x"', '"https://km.bank.example/\\"x\\""'),
    );
  });

  it("refuses a member that is not there, naming the file and the path, unless told it may be absent", () => {
    expect(() => applyJsonEdits("conf.json", source, [{ kind: "set", path: ["nested", "missing"], value: "x" }])).toThrow(
      "conf.json: /nested/missing: no such member in the template (commented-out members do not count)",
    );
    expect(applyJsonEdits("conf.json", source, [{ kind: "set", path: ["nested", "missing"], value: "x", ifPresent: true }])).toBe(source);
  });

  it("refuses to write a single value over an object or a list", () => {
    expect(() => applyJsonEdits("conf.json", source, [{ kind: "set", path: ["list"], value: "x" }])).toThrow(JsonEditError);
  });

  it("refuses a file that is not well-formed, naming it", () => {
    expect(() => applyJsonEdits("conf.json", '{ "a" : }', [{ kind: "set", path: ["a"], value: "x" }])).toThrow(
      /^conf.json: \/: not well-formed JSON: ValueExpected/,
    );
  });

  it("redacts nothing from a file that is not well-formed: it refuses it, rather than replace what a parser recovers of it", () => {
    // jsonc-parser recovers a tree from this (a missing comma), with an error beside it: a credential's
    // member after the fault must not be left to what the recovery makes of it.
    const broken = '{ "user" : "a" "authCredential" : "secret" }';
    expect(() => replaceJsonStrings("conf.json", broken, () => "***")).toThrow(/^conf.json: \/: not well-formed JSON/);
  });
});
