// The node files differ from their templates only where the plan means them to, and a template directory
// that does not match the edits is refused with the file and the element path.
import { KM_IDENTITY_PLACES } from "../flows/places";
import { diffLines } from "diff";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { PROJECT_DIR } from "../project-dir";
import type { RegisteredResource } from "../render/mock-engine";
import { readStackConfig } from "../render/stack-config";
import * as YAML from "yaml";
import { configKeys } from "../config/keys";
import { BUNDLED_TEMPLATES, readTemplates, TemplateNotFoundError } from "../xml/templates";
import { wellKnownMemberProblems } from "./helpers/cluster-invariants";
import { nodeFile, parse, render, renderRecorded, UNATTRIBUTED, xmllintErrorsOf } from "./helpers/render";

/** The lines a render removed from and added to its template. */
function changedLines(template: string, rendered: string): { removed: string[]; added: string[] } {
  const removed: string[] = [];
  const added: string[] = [];
  for (const part of diffLines(template, rendered)) {
    const lines = part.value.split("\n").filter((l) => l.trim() !== "");
    if (part.removed) removed.push(...lines.map((l) => l.trim()));
    if (part.added) added.push(...lines.map((l) => l.trim()));
  }
  // Sorted: which of two equal lines a diff pairs up is the diff algorithm's choice, not ours.
  return { removed: removed.sort(), added: added.sort() };
}

function copyTemplates(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "obkm-pack-"));
  fs.cpSync(BUNDLED_TEMPLATES, dir, { recursive: true });
  return dir;
}

describe("the bundled templates", () => {
  const templates = fs
    .readdirSync(BUNDLED_TEMPLATES, { recursive: true, encoding: "utf8" })
    .filter((f) => f.endsWith(".xml"))
    .sort();

  it("cover the node files the clustering guide edits", () => {
    expect(templates).toEqual(
      [
        "apim/api-manager.xml",
        "axis2/axis2.xml",
        "carbon.xml",
        "datasources/master-datasources.xml",
        "identity/application-authentication.xml",
        "identity/identity.xml",
        "registry.xml",
        "tomcat/catalina-server.xml",
        "user-mgt.xml",
      ].sort(),
    );
  });

  // One xmllint run for all of them (each run starts a worker: render.ts xmllintErrorsOf), read per template.
  let errors: Record<string, string[]>;
  beforeAll(async () => {
    errors = await xmllintErrorsOf(Object.fromEntries(templates.map((file) => [file, fs.readFileSync(path.join(BUNDLED_TEMPLATES, file), "utf8")])));
  });

  it.each(templates)("%s is well-formed", (file) => {
    expect(errors[file]).toEqual([]);
  });

  it("drew no line from xmllint that names none of them", () => {
    expect(errors[UNATTRIBUTED]).toBeUndefined();
  });
});

describe("a rendered node file differs from its template only where we meant it to", () => {
  it("carbon.xml: the host names, all caches local (scenario 1), and the keystores: the generated one for a dev stack, never the pack's", async () => {
    const rendered = await render();
    const { removed, added } = changedLines(fs.readFileSync(path.join(BUNDLED_TEMPLATES, "carbon.xml"), "utf8"), nodeFile(rendered, "carbon.xml"));
    const packKeystore = "<Location>${carbon.home}/repository/resources/security/wso2carbon.jks</Location>";
    expect(removed).toEqual(
      [
        "<ForceLocalCache>false</ForceLocalCache>",
        "<HostName>localhost</HostName>",
        "<MgtHostName>localhost</MgtHostName>",
        // KeyStore and InternalKeyStore: the pack's sample keystore, alias and password
        ...[packKeystore, "<KeyAlias>wso2carbon</KeyAlias>", "<KeyPassword>wso2carbon</KeyPassword>"].flatMap((l) => [l, l]),
        // and the TrustStore too: all three were JKS under the sample password
        ...["<Type>JKS</Type>", "<Password>wso2carbon</Password>"].flatMap((l) => [l, l, l]),
        "<Location>${carbon.home}/repository/resources/security/client-truststore.jks</Location>",
      ].sort(),
    );
    const generated = "<Location>/opt/obkm-keys/secret/obkm-km-keys/signing-keystore.p12</Location>";
    expect(added).toEqual(
      [
        "<ForceLocalCache>true</ForceLocalCache>",
        "<HostName>km.dev.obkm.example.com</HostName>",
        "<MgtHostName>km.dev.obkm.example.com</MgtHostName>",
        ...[generated, "<KeyAlias>obkm-signing</KeyAlias>"].flatMap((l) => [l, l]),
        // the passwords are tokens, which the start script replaces from the Secrets
        "<Password>@obkm-password:signing@</Password>",
        "<KeyPassword>@obkm-password:signing@</KeyPassword>",
        "<Password>@obkm-password:internal@</Password>",
        "<KeyPassword>@obkm-password:internal@</KeyPassword>",
        "<Password>@obkm-password:truststore@</Password>",
        ...["<Type>PKCS12</Type>"].flatMap((l) => [l, l, l]),
        "<Location>${carbon.home}/repository/resources/security/obkm-truststore.p12</Location>",
      ].sort(),
    );
  });

  it("catalina-server.xml: the proxy ports, the RemoteIpValve, and the HTTPS connector's keystore without its password", async () => {
    const rendered = await render([], "prod");
    const { removed, added } = changedLines(
      fs.readFileSync(path.join(BUNDLED_TEMPLATES, "tomcat/catalina-server.xml"), "utf8"),
      nodeFile(rendered, "tomcat/catalina-server.xml"),
    );
    const keystoreLines = (lines: string[]) => lines.filter((l) => /keystore|keyAlias/i.test(l));
    expect(keystoreLines(removed)).toEqual([
      'keystoreFile="${carbon.home}/repository/resources/security/wso2carbon.jks"',
      'keystorePass="wso2carbon"',
    ]);
    expect(keystoreLines(added)).toEqual([
      'URIEncoding="UTF-8" proxyPort="443" keystoreType="JKS" keyAlias="obkm-tls"/>',
      'keystoreFile="/opt/obkm-keys/secret/obkm-km-node-tls/keystore.jks"',
      'keystorePass="@obkm-password:tls@"',
    ]);
    // cert-manager's keystore (prod names keystores.tls.issuer), under the alias the Certificate gives it
    const https = Array.from(parse(nodeFile(rendered, "tomcat/catalina-server.xml")).getElementsByTagName("Connector")).find(
      (c) => c.getAttribute("port") === "9443",
    )!;
    expect(Object.fromEntries(["keystoreFile", "keystorePass", "keystoreType", "keyAlias"].map((a) => [a, https.getAttribute(a)]))).toEqual({
      keystoreFile: "/opt/obkm-keys/secret/obkm-km-node-tls/keystore.jks",
      keystorePass: "@obkm-password:tls@",
      keystoreType: "JKS",
      keyAlias: "obkm-tls",
    });
  });

  it("identity.xml in scenario 1: only the endpoint URLs (its caches are the stock local ones)", async () => {
    const rendered = await render();
    const { removed, added } = changedLines(
      fs.readFileSync(path.join(BUNDLED_TEMPLATES, "identity/identity.xml"), "utf8"),
      nodeFile(rendered, "identity/identity.xml"),
    );
    // The elements the call map places a URL in (flows/places.ts), and no other.
    const placed = new Set(KM_IDENTITY_PLACES.filter((p) => p.file === "identity/identity.xml").map((p) => p.element.split("/").pop()!));
    const urlElement = { test: (line: string) => placed.has(/^<(\w+)>/.exec(line)?.[1] ?? "") };
    expect(removed.filter((line) => !urlElement.test(line))).toEqual([]);
    expect(added.filter((line) => !urlElement.test(line))).toEqual([]);
    expect(added.length).toBeGreaterThan(10);
  });

  it("identity.xml in scenario 4: besides the URLs, only the enable attribute of the security caches", async () => {
    const [one, four] = [await render(), await render(["caching.scenario=4"])];
    const { removed, added } = changedLines(nodeFile(one, "identity/identity.xml"), nodeFile(four, "identity/identity.xml"));
    // Scenario 4 turns off the security caches, by default those caching.securityCaches names.
    expect(removed).toHaveLength((configKeys["caching.securityCaches"].default as string[]).length);
    expect(added).toEqual(removed.map((line) => line.replace('enable="true"', 'enable="false"')).sort());
  });

  it("axis2.xml: the clustering switch, scheme, domain, advertised address and the member list", async () => {
    const rendered = await render();
    const { removed, added } = changedLines(
      fs.readFileSync(path.join(BUNDLED_TEMPLATES, "axis2/axis2.xml"), "utf8"),
      nodeFile(rendered, "axis2/axis2.xml"),
    );
    // The template writes the clustering start tag over two lines; only the line with `enable` changes.
    expect(removed).toEqual(
      [
        'enable="false">',
        '<parameter name="membershipScheme">multicast</parameter>',
        '<parameter name="domain">wso2.carbon.domain</parameter>',
        '<parameter name="localMemberHost">127.0.0.1</parameter>',
        "<hostName>127.0.0.1</hostName>",
      ].sort(),
    );
    // The stock member 127.0.0.1 gives way to the well-known members (their rule: helpers/cluster-invariants.ts);
    // the stock member's frame and port line are kept, each further member adds its own.
    const members: string[] = YAML.parse(rendered.files["outputs.yaml"]).wellKnownMembers;
    expect(wellKnownMemberProblems(rendered, members, "cluster.local")).toEqual([]);
    expect(added).toEqual(
      [
        'enable="true">',
        '<parameter name="membershipScheme">wka</parameter>',
        '<parameter name="domain">wso2.obkm.obkm-dev.obkm</parameter>',
        '<parameter name="localMemberHost">@POD_IP@</parameter>',
        ...members.map((member) => `<hostName>${member}</hostName>`),
        ...members.slice(1).flatMap(() => ["<member>", "<port>4000</port>", "</member>"]),
      ].sort(),
    );
  });
});

describe("configTemplates: the user's own pack files", () => {
  it("renders from the directory it names", async () => {
    const dir = copyTemplates();
    const carbon = path.join(dir, "carbon.xml");
    fs.writeFileSync(carbon, fs.readFileSync(carbon, "utf8").replace("<ItemsPerPage>", "<!-- our pack, update 42 -->\n    <ItemsPerPage>"));
    const rendered = await render([`configTemplates=${dir}`]);
    expect(nodeFile(rendered, "carbon.xml")).toContain("<!-- our pack, update 42 -->");
  });

  it("refuses a file whose element an edit needs is missing, naming the file and the element path", async () => {
    const dir = copyTemplates();
    const axis2 = path.join(dir, "axis2/axis2.xml");
    fs.writeFileSync(axis2, fs.readFileSync(axis2, "utf8").replace(/<parameter name="localMemberPort">4000<\/parameter>/, "<!-- removed -->"));
    await expect(render([`configTemplates=${dir}`])).rejects.toThrow(
      "axis2/axis2.xml: /axisconfig/clustering[@class='org.wso2.carbon.core.clustering.hazelcast.HazelcastClusteringAgent']/parameter[@name='localMemberPort']: no such element",
    );
  });

  it("refuses a directory that lacks a file, naming the file and the directory", async () => {
    const dir = copyTemplates();
    fs.rmSync(path.join(dir, "carbon.xml"));
    await expect(render([`configTemplates=${dir}`])).rejects.toThrow(`obkm:configTemplates: carbon.xml: no such template in ${dir}; expected`);
  });

  it("names a directory with a line break in it on the problem's one line (found by tests/property-oracle.test.ts)", () => {
    const dir = `${copyTemplates()}\n`;
    expect(() => readTemplates(dir, ["carbon.xml"])).toThrow(TemplateNotFoundError);
    expect(() => readTemplates(dir, ["carbon.xml"])).toThrow(
      `obkm:configTemplates: carbon.xml: no such template in ${JSON.stringify(dir)}; expected`,
    );
  });

  it("refuses a pack whose files that hold passwords do not match, before any resource is registered", async () => {
    const dir = copyTemplates();
    const file = path.join(dir, "user-mgt.xml");
    fs.writeFileSync(file, fs.readFileSync(file, "utf8").replace(/<AdminUser>[\s\S]*<\/AdminUser>/, ""));
    const registered: RegisteredResource[] = [];
    // The program as a render runs it (deploy(planStack()) under the mock engine), by the run's render server.
    const run = renderRecorded(readStackConfig(PROJECT_DIR, "dev", [`configTemplates=${dir}`]), registered);
    await expect(run).rejects.toThrow("user-mgt.xml: /UserManager/Realm/Configuration/AdminUser/UserName: no such element");
    expect(registered).toEqual([]);
    // the same record does see registrations when the templates are good
    await renderRecorded(readStackConfig(PROJECT_DIR, "dev"), registered);
    expect(registered.length).toBeGreaterThan(0);
  });

  it("creates HostName and MgtHostName when the pack ships them commented out", async () => {
    const dir = copyTemplates();
    const carbon = path.join(dir, "carbon.xml");
    fs.writeFileSync(
      carbon,
      fs
        .readFileSync(carbon, "utf8")
        .replace("<HostName>localhost</HostName>", "<!--HostName>www.wso2.org</HostName-->")
        .replace("<MgtHostName>localhost</MgtHostName>", "<!--MgtHostName>mgt.wso2.org</MgtHostName-->"),
    );
    const out = nodeFile(await render([`configTemplates=${dir}`]), "carbon.xml");
    expect(out).toMatch(
      /<Version>[^<]*<\/Version>\n {4}<HostName>km.dev.obkm.example.com<\/HostName>\n {4}<MgtHostName>km.dev.obkm.example.com<\/MgtHostName>/,
    );
  });
});
