// Edited texts kept between plans (xml/kept-edits.ts) are handed out only for the same source and the same
// edits: anything that differs in any way, JSON-lossy values included, is edited afresh, and a failing edit
// fails every time.
import { applyEdits, XmlEdit, XmlEditError } from "../xml/edits";
import { editsKey, keptEdits } from "../xml/kept-edits";

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

describe("keptEdits", () => {
  it("gives what applyEdits gives, the second time from what it kept", () => {
    const edits = [set("3"), { kind: "set", path: "/Server/clustering/@enable", value: "true" } as XmlEdit];
    const edited = applyEdits("carbon.xml", source, edits);
    expect(edited).toContain("<Offset>3</Offset>");
    expect(keptEdits("carbon.xml", source, edits)).toBe(edited);
    expect(keptEdits("carbon.xml", source, structuredClone(edits))).toBe(edited);
    expect(keptEdits("carbon.xml", source, [set("4")])).toContain("<Offset>4</Offset>");
    expect(keptEdits("carbon.xml", source.replace("<Offset>0", "<Offset>1"), edits)).toBe(edited);
  });

  it("tells apart edits that differ only where JSON would not", () => {
    const keys = [
      [set("u", { create: { after: "u" } })],
      [set("u", { create: { after: undefined } })],
      [set("u", { create: {} })],
      [set("null", { create: {} })],
      [{ kind: "rewriteUrls", origins: [{ hosts: ["a"], ports: [Infinity], to: "x" }] } as XmlEdit],
      [{ kind: "rewriteUrls", origins: [{ hosts: ["a"], ports: [-Infinity], to: "x" }] } as XmlEdit],
      [{ kind: "rewriteUrls", origins: [{ hosts: ["a"], ports: [0], to: "x" }] } as XmlEdit],
    ].map(editsKey);
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys.every((k) => k !== undefined)).toBe(true);
  });

  it("keeps nothing for edits with values JSON would replace", () => {
    const lossy = [NaN, new Date(0), () => "0", Object.assign(Object.create(null), { a: "b" }), { toJSON: () => "0" }, Symbol("s")];
    for (const value of lossy) expect(editsKey([set(value as unknown as string)])).toBeUndefined();
  });

  it("fails a failing edit every time", () => {
    const missing: XmlEdit[] = [{ kind: "set", path: "/Server/Nowhere", value: "1" }];
    expect(() => keptEdits("carbon.xml", source, missing)).toThrow(XmlEditError);
    expect(() => keptEdits("carbon.xml", source, missing)).toThrow(XmlEditError);
  });
});
