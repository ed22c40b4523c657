// The XML engine changes what an edit names and nothing else, escapes values, and refuses loudly when a
// template does not have the element an edit expects.
import { DOMParser } from "@xmldom/xmldom";
import { applyEdits, XmlEdit, XmlEditError } from "../xml/edits";

const source = `<?xml version="1.0" encoding="ISO-8859-1"?>
<!-- a comment the user's pack has -->
<Server xmlns="http://wso2.org/projects/carbon/carbon.xml">
    <Version>5.7.0</Version>
    <!--HostName>www.wso2.org</HostName-->
    <Ports>
        <Offset>0</Offset>
    </Ports>
    <clustering class="hazelcast"
                enable="false">
        <parameter name="domain">wso2.carbon.domain</parameter>
        <!-- <parameter name="localMemberHost">127.0.0.1</parameter> -->
        <members>
            <member>
                <hostName>127.0.0.1</hostName>
            </member>
        </members>
    </clustering>
</Server>
`;

function apply(...edits: XmlEdit[]): string {
  return applyEdits("carbon.xml", source, edits);
}

function refusal(...edits: XmlEdit[]): XmlEditError {
  try {
    apply(...edits);
  } catch (error) {
    if (error instanceof XmlEditError) return error;
    throw error;
  }
  throw new Error("expected the edit to be refused");
}

describe("the XML edit engine", () => {
  it("changes only the element it names, keeping the declaration, comments and layout", () => {
    const out = apply({ kind: "set", path: "/Server/Ports/Offset", value: "3" });
    expect(out).toBe(source.replace("<Offset>0</Offset>", "<Offset>3</Offset>"));
  });

  it("matches elements by local name, inside the file's default namespace", () => {
    expect(apply({ kind: "set", path: "/Server/Version", value: "x" })).toContain("<Version>x</Version>");
  });

  it("sets an attribute, selecting the element by another attribute", () => {
    const out = apply({ kind: "set", path: "/Server/clustering[@class='hazelcast']/@enable", value: "true" });
    expect(out).toBe(source.replace('enable="false"', 'enable="true"'));
  });

  it("adds a missing attribute at the end of the start tag, keeping the tag's own line breaks", () => {
    const out = apply({ kind: "set", path: "/Server/clustering/@proxyPort", value: "443" });
    expect(out).toBe(source.replace('enable="false">', 'enable="false" proxyPort="443">'));
  });

  it("sets the text of an empty element written as <x/>", () => {
    const out = applyEdits("a.xml", '<a>\n    <b x="1"/>\n</a>\n', [{ kind: "set", path: "/a/b", value: "v" }]);
    expect(out).toBe('<a>\n    <b x="1">v</b>\n</a>\n');
  });

  it("escapes &, < and quotes in values", () => {
    const value = `jdbc:mysql://db:3306/um?useSSL=true&a=<b>"c"'d'`;
    const out = apply({ kind: "set", path: "/Server/Version", value }, { kind: "set", path: "/Server/clustering/@class", value });
    expect(out).toContain("<Version>jdbc:mysql://db:3306/um?useSSL=true&amp;a=&lt;b&gt;\"c\"'d'</Version>");
    expect(out).toContain("class=\"jdbc:mysql://db:3306/um?useSSL=true&amp;a=&lt;b&gt;&quot;c&quot;'d'\"");
    // and a parser reads back exactly the value that went in
    const doc = new DOMParser().parseFromString(out, "text/xml");
    expect(doc.getElementsByTagName("Version")[0].textContent).toBe(value);
    expect(doc.getElementsByTagName("clustering")[0].getAttribute("class")).toBe(value);
    expect(doc.getElementsByTagName("clustering")[0].getAttribute("enable")).toBe("false");
  });

  it("refuses an edit whose element is missing, naming the file and the path", () => {
    const error = refusal({ kind: "set", path: "/Server/Ports/Offsett", value: "3" });
    expect(error.message).toBe("carbon.xml: /Server/Ports/Offsett: no such element in the template (commented-out elements do not count)");
  });

  it("treats a commented-out element as absent", () => {
    expect(refusal({ kind: "set", path: "/Server/clustering/parameter[@name='localMemberHost']", value: "x" }).message).toMatch(/no such element/);
  });

  it("refuses a set that names more than one element", () => {
    const out = apply({ kind: "append", path: "/Server/Ports", elements: [{ name: "Offset", text: "1" }] });
    expect(() => applyEdits("carbon.xml", out, [{ kind: "set", path: "/Server/Ports/Offset", value: "3" }])).toThrow(/names 2 elements/);
  });

  it("creates a missing element under its parent when the edit allows it, after the named sibling", () => {
    const out = apply({ kind: "set", path: "/Server/HostName", value: "km.bank.example", create: { after: "Version" } });
    expect(out).toContain("    <Version>5.7.0</Version>\n    <HostName>km.bank.example</HostName>\n    <!--HostName>www.wso2.org</HostName-->");
    expect(out).not.toContain('xmlns=""');
  });

  it("refuses to create an element whose parent is missing", () => {
    expect(refusal({ kind: "set", path: "/Server/Nowhere/HostName", value: "x", create: {} }).message).toMatch(
      /neither the element nor exactly one parent/,
    );
  });

  it("removes elements with their indentation and appends new ones indented like their siblings", () => {
    const out = apply(
      { kind: "remove", path: "/Server/clustering/members/member" },
      {
        kind: "append",
        path: "/Server/clustering/members",
        elements: [
          {
            name: "member",
            children: [
              { name: "hostName", text: "a" },
              { name: "port", text: "4000" },
            ],
          },
        ],
      },
    );
    expect(out).toContain(
      "        <members>\n            <member>\n                <hostName>a</hostName>\n                <port>4000</port>\n            </member>\n        </members>",
    );
  });

  it("refuses to remove what is not there, unless told it may be absent", () => {
    expect(refusal({ kind: "remove", path: "/Server/Nothing" }).message).toMatch(/no such element in the template to remove/);
    expect(apply({ kind: "remove", path: "/Server/Nothing", ifPresent: true })).toBe(source);
  });

  it("refuses a template that is not well-formed, naming the file", () => {
    expect(() => applyEdits("axis2/axis2.xml", "<a><b></a>", [{ kind: "set", path: "/a", value: "x" }])).toThrow(
      /^axis2\/axis2.xml: \/: not well-formed XML: Missing end tag for element b/,
    );
  });

  it("edits an element whose parent's end tag follows it directly, as compact files have them", () => {
    const compact = "<a><b><c>1</c></b><d/></a>";
    expect(applyEdits("f.xml", compact, [{ kind: "set", path: "/a/b/c", value: "2" }])).toBe("<a><b><c>2</c></b><d/></a>");
    expect(
      applyEdits("f.xml", compact, [
        { kind: "set", path: "/a/b/c", value: "2" },
        { kind: "set", path: "/a/d", value: "3" },
      ]),
    ).toBe("<a><b><c>2</c></b><d>3</d></a>");
    expect(applyEdits("f.xml", compact, [{ kind: "append", path: "/a/b", elements: [{ name: "e", text: "4" }] }])).toMatch(
      /^<a><b><c>1<\/c>\s*<e>4<\/e>\s*<\/b><d\/><\/a>$/,
    );
  });

  it("sets only where the element is, with ifPresent, and leaves a file without it as it was", () => {
    expect(apply({ kind: "set", path: "/Server/Nothing", value: "x", ifPresent: true })).toBe(source);
    expect(apply({ kind: "set", path: "/Server/Version", value: "6", ifPresent: true })).toContain("<Version>6</Version>");
  });
});

describe("rewriteUrls", () => {
  const file = [
    "<r>",
    "  <a>https://localhost:8243/x/{v}/y?p=1&amp;q=2</a>",
    "  <b> http://OBAM:9763 </b>",
    "  <c>https://bank.example:8243/keep</c>",
    "  <d>https://localhost:8244/keep</d>",
    "  <e>{tcp://localhost:8243}</e>",
    "  <i>{tcp://obam:8243/,tcp://bank.example:8243}|{tcp://localhost:8243}</i>",
    "  <f>https://localhost:8243<g/></f>",
    "  <h>see https://localhost:8243/</h>",
    "  <!-- https://localhost:8243/comment -->",
    "</r>",
  ].join("\n");
  const rewritten = applyEdits("f.xml", file, [
    {
      kind: "rewriteUrls",
      origins: [
        { hosts: ["localhost", "obam"], ports: [8243], to: "https://gw.bank.example" },
        { hosts: ["obam"], ports: [9763], to: "https://apim.svc:9443" },
      ],
    },
  ]);

  it("replaces the origin of a URL that an element holds, keeping its path, query and surrounding space", () => {
    expect(rewritten).toContain("<a>https://gw.bank.example/x/{v}/y?p=1&amp;q=2</a>");
    // Host names are case-insensitive (RFC 3986 3.2.2); the scheme follows the target.
    expect(rewritten).toContain("<b> https://apim.svc:9443 </b>");
  });

  it("replaces each URL of a data agent's URL set, keeping its braces and separators and the other hosts' URLs", () => {
    // WSO2's data agent reads {url,url}|{url}: load-balanced groups in braces, failover between them.
    expect(rewritten).toContain("<e>{https://gw.bank.example}</e>");
    expect(rewritten).toContain("<i>{https://gw.bank.example/,tcp://bank.example:8243}|{https://gw.bank.example}</i>");
  });

  it("leaves the elements it is told to keep as they are, and only those", () => {
    const kept = applyEdits("f.xml", file, [
      {
        kind: "rewriteUrls",
        origins: [{ hosts: ["localhost", "obam"], ports: [8243], to: "https://gw.bank.example" }],
        except: ["/r/a", "/r/missing"],
      },
    ]);
    expect(kept).toContain("<a>https://localhost:8243/x/{v}/y?p=1&amp;q=2</a>");
    expect(kept).toContain("<e>{https://gw.bank.example}</e>");
  });

  it("leaves other hosts and ports, text that only contains a URL, mixed content and comments alone", () => {
    for (const kept of [
      "<c>https://bank.example:8243/keep</c>",
      "<d>https://localhost:8244/keep</d>",
      "<f>https://localhost:8243<g/></f>",
      "<h>see https://localhost:8243/</h>",
      "<!-- https://localhost:8243/comment -->",
    ])
      expect(rewritten).toContain(kept);
  });
});
