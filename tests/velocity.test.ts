// The Velocity URL editor (velocity/urls.ts) on gateway templates of our own (tests/fixtures/packs/*/apim/...,
// never WSO2's file): only the origins of URLs on the KM's ports change, every other byte stays, and a URL on a
// KM port whose host is not the KM's is refused with the file and the line.
import * as fs from "fs";
import * as path from "path";
import { replacePropertyValues } from "../velocity/properties";
import { rewriteVelocityUrls, VelocityEditError, velocityUrls } from "../velocity/urls";

const fixture = (spec: string) =>
  fs.readFileSync(
    path.join(__dirname, "fixtures", "packs", spec, "apim", "repository", "resources", "api_templates", "velocity_template.xml"),
    "utf8",
  );

const TO = "https://obkm-km.ns.svc.cluster.local:9446";
const REWRITE = { ports: [9446, 9766], hosts: ["localhost", "obkm", "obam"], to: TO, portsAre: "a port of the KM" };

describe("velocity/urls.ts", () => {
  it.each(["uk", "berlin", "au"])("rewrites only the origins on the KM's ports in the %s template; every byte outside them stays", (spec) => {
    const input = fixture(spec);
    const { content, edits } = rewriteVelocityUrls("velocity_template.xml", input, REWRITE);
    // Seven consent URLs in the #if blocks, whatever the spec (the template holds every spec's handlers).
    expect(edits).toHaveLength(7);
    // Outside the spans, byte for byte: walk the input, stepping over each edited span and its replacement.
    let at = 0;
    let out = 0;
    for (const edit of edits) {
      expect(content.slice(out, out + (edit.start - at))).toBe(input.slice(at, edit.start));
      out += edit.start - at;
      expect(content.slice(out, out + edit.after.length)).toBe(TO);
      out += edit.after.length;
      at = edit.end;
    }
    expect(content.slice(out)).toBe(input.slice(at));
    // The paths, the directives, the comments and the other URLs are the input's.
    expect(content).toContain(`value="${TO}/consent/fixture-berlin/accounts-validation"`);
    expect(content).toContain('#if($!apiVersion == "v9.9")');
    expect(content).toContain("## A comment: the gateway's own https://obam:8243/fixture stays");
    expect(content).toContain('xmlns="http://ws.apache.org/ns/synapse"');
    expect(content).not.toMatch(/:\/\/(obkm|localhost):(9446|9766)/);
  });

  it("changes nothing in a template without a URL on the KM's ports", () => {
    const text = '#if($x)\n<property name="u" value="https://obam:8243/a"/>\n#end\n## https://$host:9446/ a reference, no host\n';
    expect(rewriteVelocityUrls("t.xml", text, REWRITE)).toEqual({ content: text, edits: [] });
  });

  it("refuses a URL on a KM port whose host it does not know, naming the file and the line", () => {
    const text = '#if($x)\n<property name="u"\n value="https://bank-km.example:9446/consent/x"/>\n#end\n';
    expect(() => rewriteVelocityUrls("velocity_template.xml", text, REWRITE)).toThrow(VelocityEditError);
    expect(() => rewriteVelocityUrls("velocity_template.xml", text, REWRITE)).toThrow(
      /^velocity_template\.xml: line 3: https:\/\/bank-km\.example:9446\/consent\/x names port 9446, a port of the KM, on host bank-km\.example/,
    );
  });

  it("reads the scheme, host, port and line of each URL literal, IPv6 too", () => {
    const urls = velocityUrls('a\n"http://[fd00::1]:9766/x" https://OBKM:9446');
    expect(urls.map(({ scheme, host, port, line }) => ({ scheme, host, port, line }))).toEqual([
      { scheme: "http", host: "fd00::1", port: 9766, line: 2 },
      { scheme: "https", host: "obkm", port: 9446, line: 2 },
    ]);
  });
});

describe("velocity/properties.ts", () => {
  it("replaces only the values it is asked to, with their quotes, and keeps every other byte", () => {
    const text = `#if($a)\n<property name="password" value="p1"/>\n  <property  name='password'   value='p2'/>\n<property name="alias" value="a"/>\n#end`;
    const out = replacePropertyValues(text, (name, value) => (name === "password" ? `[${value}]` : undefined));
    expect(out).toBe(
      `#if($a)\n<property name="password" value="[p1]"/>\n  <property  name='password'   value='[p2]'/>\n<property name="alias" value="a"/>\n#end`,
    );
  });
});
