// Redaction by meaning: a render shows the files that hold credentials with each credential hidden where it
// stands, a value left at the pack's published default shown as such, and every other byte as the nodes get
// it. The files here are ours, with the members' names as WSO2's OB 1.4 files have them (never their text).
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { diffLines } from "diff";
import { CONSENT_APP_PLACES, CCPORTAL_CONF, CONSENTMGT_CONF } from "../flows/places-consent-apps";
import { CALLS } from "../flows/calls";
import { CREDENTIAL_MEMBERS, credentialsHeld, credentialsShown, publishedDefault } from "../plan/credential-members";
import { BUNDLED_TEMPLATES } from "../xml/templates";
import { planOf, SOME_CREDENTIALS } from "./helpers/plan";
import { objectOf, render } from "./helpers/render";

const MARKER = "[redacted]";

/** The lines of `after` that differ from `before`, trimmed. */
const changed = (before: string, after: string) =>
  diffLines(before, after)
    .filter((part) => part.added)
    .flatMap((part) => part.value.split("\n").filter((l) => l.trim()))
    .map((l) => l.trim());

const XML = `<?xml version="1.0" encoding="UTF-8"?>
<!-- ours: one of each credential member the pack's XML files hold, and neighbours that are none -->
<Test>
    <KeyStore>
        <Location>/keys/test.jks</Location>
        <Password>store-Pass-91</Password>
        <KeyPassword>wso2carbon</KeyPassword>
    </KeyStore>
    <datasource><url>jdbc:h2:./x</url><password>db-Pass-&amp;-42</password></datasource>
    <APISecurity><Global><UserName>admin@wso2.com</UserName><Password>wso2123</Password></Global></APISecurity>
    <UserStoreManager>
        <Property name="ConnectionPassword">bind-Pass-7</Property>
        <Property name="PasswordDigest">SHA-256</Property>
        <Property name="StoreSaltedPassword">true</Property>
        <Property name="PasswordJavaRegEx">^[\\S]{5,30}$</Property>
    </UserStoreManager>
    <transport><parameter name="mail.smtp.password">mailpassword</parameter></transport>
    <AuthenticatorConfig name="EmailOTP">
        <Parameter name="GmailClientSecret">gmail-Secret-3</Parameter>
        <Parameter name="SendgridAPIKey">sendgridAPIKeyValue</Parameter>
        <Parameter name="GmailRefreshToken">refresh-Token-5</Parameter>
        <Parameter name="GoogleTokenEndpoint">https://accounts.example/token</Parameter>
    </AuthenticatorConfig>
    <Password><PasswordPolicy>strict</PasswordPolicy></Password>
    <AuthenticationEndpointQueryParam name="password"/>
    <Filler>password is not a value here</Filler>
</Test>
`;

const JSON_FILE = `// ours: the credential members of the consent apps' conf.json
{
  "applicationId" : "portal-client-1",
  "authCredential" : "cG9ydGFsOnMzY3JldA==",
  "sso" : { "keyStorePassword" : "sso-Pass-8", "trustStorePassword" : "" },
  "clientSecret" : "client-Secret-6",
  // "authCredential" : "commented-out",
  "kmHost" : "https://obkm"
}
`;

describe("plan/credential-members.ts", () => {
  it("hides every credential the XML holds where it stands, and changes nothing else", () => {
    const shown = credentialsShown("test.xml", XML, MARKER);
    for (const secret of ["store-Pass-91", "db-Pass-&amp;-42", "bind-Pass-7", "gmail-Secret-3", "refresh-Token-5"])
      expect(shown).not.toContain(secret);
    expect(changed(XML, shown).sort()).toEqual(
      [
        `<Password>${MARKER}</Password>`,
        `<KeyPassword>${publishedDefault("wso2carbon")}</KeyPassword>`,
        `<datasource><url>jdbc:h2:./x</url><password>${MARKER}</password></datasource>`,
        `<APISecurity><Global><UserName>admin@wso2.com</UserName><Password>${publishedDefault("wso2123")}</Password></Global></APISecurity>`,
        `<Property name="ConnectionPassword">${MARKER}</Property>`,
        `<transport><parameter name="mail.smtp.password">${publishedDefault("mailpassword")}</parameter></transport>`,
        `<Parameter name="GmailClientSecret">${MARKER}</Parameter>`,
        `<Parameter name="SendgridAPIKey">${publishedDefault("sendgridAPIKeyValue")}</Parameter>`,
        `<Parameter name="GmailRefreshToken">${MARKER}</Parameter>`,
      ].sort(),
    );
  });

  it("shows a value left at the pack's published default, marked, so a reviewer sees it was never changed", () => {
    const shown = credentialsShown("test.xml", XML, MARKER);
    expect(shown).toContain("<Password>wso2123 [the pack's published default]</Password>");
    // A value that only looks like a default in another member is a secret there.
    const other = XML.replace("gmail-Secret-3", "wso2123");
    expect(credentialsShown("test.xml", other, MARKER)).toContain(`<Parameter name="GmailClientSecret">${MARKER}</Parameter>`);
  });

  it("hides the JSON credentials (authCredential, *Password, *Secret), keeps the client id, empty values and comments", () => {
    const shown = credentialsShown("conf.json", JSON_FILE, MARKER);
    expect(changed(JSON_FILE, shown).sort()).toEqual(
      [
        `"authCredential" : "${MARKER}",`,
        `"sso" : { "keyStorePassword" : "${MARKER}", "trustStorePassword" : "" },`,
        `"clientSecret" : "${MARKER}",`,
      ].sort(),
    );
    expect(shown).toContain('"applicationId" : "portal-client-1"');
    expect(shown).toContain('// "authCredential" : "commented-out",');
  });

  it("leaves the program's own markers and an already empty value byte for byte", () => {
    const marked = XML.replace("store-Pass-91", MARKER);
    expect(credentialsShown("test.xml", marked, MARKER)).toContain(`<Password>${MARKER}</Password>`);
    const empty = '<A><Password></Password><Property name="ConnectionPassword"/></A>';
    expect(credentialsShown("a.xml", empty, MARKER)).toBe(empty);
  });

  it("names each member once, with what it is and the pack's published defaults", () => {
    for (const member of CREDENTIAL_MEMBERS) {
      expect(member.what.length).toBeGreaterThan(10);
      expect(member.publishedDefaults.length).toBeGreaterThan(0);
    }
    expect(new Set(CREDENTIAL_MEMBERS.map((m) => m.what)).size).toBe(CREDENTIAL_MEMBERS.length);
  });
});

describe("a render of the user's consent apps", () => {
  /** <dir>/repository/conf as configTemplates names it, with our UK conf.json beside it, `edit` applied to consentmgt's. */
  function wholePack(edit: (text: string) => string = (t) => t): string {
    const conf = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "obkm-credentials-")), "repository", "conf");
    fs.cpSync(BUNDLED_TEMPLATES, conf, { recursive: true });
    for (const app of ["consentmgt", "ccportal"]) {
      const rel = `deployment/server/jaggeryapps/${app}/configs/conf.json`;
      const from = path.join(__dirname, "fixtures/packs/uk/km/repository", rel);
      const to = path.join(conf, "..", rel);
      fs.mkdirSync(path.dirname(to), { recursive: true });
      const text = fs.readFileSync(from, "utf8");
      fs.writeFileSync(to, app === "consentmgt" ? edit(text) : text);
    }
    return conf;
  }
  const CREDENTIAL = "c2VjcmV0LWNsaWVudDpzM2NyZXQtdmFsdWU=";
  const withCredential = (t: string) =>
    t.replace('"applicationId" : ""', '"applicationId" : "portal-client-1"').replace('"authCredential" : ""', `"authCredential" : "${CREDENTIAL}"`);

  it("never shows an authCredential the user's copy holds, in any object or file of the render (so neither in the PR comment)", async () => {
    const rendered = await render([`configTemplates=${wholePack(withCredential)}`, "keystores.signing.kid=k1"], "prod");
    expect(JSON.stringify(rendered.objects)).not.toContain(CREDENTIAL);
    expect(JSON.stringify(rendered.files)).not.toContain(CREDENTIAL);
    const shown = objectOf(rendered, "Secret", "obkm-km-secret-files").stringData["deployment__server__jaggeryapps__consentmgt__configs__conf.json"];
    expect(shown).toContain(`"authCredential" : "${MARKER}"`);
    expect(shown).toContain('"applicationId" : "portal-client-1"');
    // The nodes get it as the user wrote it, in the Secret.
    const plan = planOf([`configTemplates=${wholePack(withCredential)}`, "keystores.signing.kid=k1"]);
    const deployed = plan.secrets(SOME_CREDENTIALS).secretNodeFiles.find((f) => f.path.endsWith("consentmgt/configs/conf.json"))!;
    expect(deployed.content).toContain(`"authCredential" : "${CREDENTIAL}"`);
  });

  it("with the bank's Secret named, writes the client into the render's edited copy at the node's start, from the secret files", () => {
    const sets = [`configTemplates=${wholePack()}`, "keystores.signing.kid=k1", "openBanking.consentAppClientSecret=consentmgt-client"];
    const plan = planOf(sets);
    const editPlan = JSON.parse((plan.nodeFilesConfigMap.data as Record<string, string>)["bin__ob-edit-plan.json"]);
    // Both OB XML files are the image's here; of the apps' files, only consentmgt's client is left to the start.
    expect(editPlan.files.filter((f: { path: string }) => f.path.includes("jaggeryapps"))).toEqual([
      {
        path: "deployment/server/jaggeryapps/consentmgt/configs/conf.json",
        format: "json",
        from: "secret-files",
        edits: [
          { kind: "set", path: ["applicationId"], value: "@@obkm-secret:consent-app-application-id@@" },
          { kind: "set", path: ["authCredential"], value: "@@obkm-secret:consent-app-auth-credential@@" },
        ],
      },
    ]);
    const init = (plan.statefulSet({ credentials: "c", keystores: "k" }).spec as any).template.spec.initContainers;
    const copy = init.find((c: { name: string }) => c.name === "copy-open-banking-files");
    expect(copy.command[2]).toContain('cp "/opt/obkm-secrets/deployment/server/jaggeryapps/consentmgt/configs/conf.json"');
    expect(copy.volumeMounts).toContainEqual({ name: "secret-files", mountPath: "/opt/obkm-secrets", readOnly: true });
    // Run for real: the rendered copy is taken from the secret files' mount, where the image's would not do.
    const root = fs.mkdtempSync(path.join(os.tmpdir(), "obkm-copy-secret-"));
    const rendered = path.join(root, "secrets/deployment/server/jaggeryapps/consentmgt/configs/conf.json");
    fs.mkdirSync(path.dirname(rendered), { recursive: true });
    fs.writeFileSync(rendered, '{ "applicationId" : "", "authCredential" : "" }\n');
    // The OB XML files are the image's here: the copy takes them from its pack.
    for (const file of ["conf/finance/open-banking.xml", "conf/datasources/open-banking-datasources.xml"]) {
      fs.mkdirSync(path.dirname(path.join(root, "km/repository", file)), { recursive: true });
      fs.writeFileSync(path.join(root, "km/repository", file), "<x/>\n");
    }
    const script = copy.command[2].split("/opt/obkm-secrets").join(path.join(root, "secrets")).split("/opt/obkm-ob").join(path.join(root, "work"));
    const run = spawnSync("/bin/sh", ["-c", script], { env: { KM_HOME: path.join(root, "km") }, encoding: "utf8" });
    expect(run.stderr).toBe("");
    expect(fs.readFileSync(path.join(root, "work/pack/deployment/server/jaggeryapps/consentmgt/configs/conf.json"), "utf8")).toBe(
      fs.readFileSync(rendered, "utf8"),
    );
    fs.rmSync(rendered);
    const missing = spawnSync("/bin/sh", ["-c", script], { env: { KM_HOME: path.join(root, "km") }, encoding: "utf8" });
    expect(missing.status).toBe(1);
    expect(missing.stderr).toContain("obkm: deployment/server/jaggeryapps/consentmgt/configs/conf.json: not in the secret files' Secret");
    // Installed after the secret files, so the node runs the copy with its client.
    const start = (plan.nodeFilesConfigMap.data as Record<string, string>)["bin__start.sh"];
    expect(start.indexOf("install_edited deployment/server/jaggeryapps/consentmgt/configs/conf.json")).toBeGreaterThan(
      start.indexOf('install_file "$secret_files" ../deployment/server/jaggeryapps/consentmgt/configs/conf.json'),
    );
  });
});

describe("flows/places-consent-apps.ts", () => {
  const fixtureFiles = ["uk", "berlin", "au"].flatMap((spec) =>
    [CONSENTMGT_CONF, CCPORTAL_CONF].map((file) => ({
      file,
      text: fs.readFileSync(path.join(__dirname, "fixtures/packs", spec, "km/repository/conf", file), "utf8"),
    })),
  );

  it("places every URL-valued member of our fixtures, for UK, Berlin Group and AU, and nothing they lack", () => {
    const placed = new Set(CONSENT_APP_PLACES.map((p) => `${p.file}${p.element}`));
    for (const { file, text } of fixtureFiles) {
      const members: string[] = [];
      const walk = (value: unknown, at: string) => {
        if (value && typeof value === "object") for (const [k, v] of Object.entries(value)) walk(v, `${at}/${k}`);
        // A URL, a host with a scheme, a port of a server, or a host.
        else if (typeof value === "string" && /^(https?:\/\/|\d{2,5}$)|^[a-z0-9-]+\.[a-z.]+$/.test(value)) members.push(`${file}${at}`);
      };
      walk(JSON.parse(text.replace(/^\s*\/\/.*$/gm, "").replace(/,(\s*[}\]])/g, "$1")), "");
      for (const member of members) expect(placed).toContain(member);
    }
    for (const p of CONSENT_APP_PLACES)
      expect(fixtureFiles.some(({ file, text }) => file === p.file && text.includes(`"${p.element.split("/").pop()}"`))).toBe(true);
  });

  it("names, for each used member, a call of the call map on that member's route, and a reason for each unused one", () => {
    for (const p of CONSENT_APP_PLACES) {
      if ("route" in p.use) {
        const route = p.use.route;
        expect(CALLS.find((c) => c.id === p.call && c.route === route)).toBeDefined();
      } else expect(p.use.unused.length).toBeGreaterThan(20);
    }
  });
});

describe("a node file of the user's that holds a credential of its own", () => {
  it("goes with the secret files, hidden in the render, never into the ConfigMap; the pack's placeholders stay in the ConfigMap", () => {
    const conf = fs.mkdtempSync(path.join(os.tmpdir(), "obkm-own-credential-"));
    fs.cpSync(BUNDLED_TEMPLATES, conf, { recursive: true });
    const file = path.join(conf, "identity/application-authentication.xml");
    fs.writeFileSync(file, fs.readFileSync(file, "utf8").replace(">gmailClientSecretValue<", ">gmail-Own-Secret-31<"));
    const plan = planOf([`configTemplates=${conf}`, "keystores.signing.kid=k1"]);
    const configMap = JSON.stringify(plan.nodeFilesConfigMap);
    expect(configMap).not.toContain("gmail-Own-Secret-31");
    expect(configMap).not.toContain("identity__application-authentication.xml");
    const shown = plan.secretFilesShown(MARKER)["conf__identity__application-authentication.xml"];
    expect(shown).toContain(`<Parameter name="GmailClientSecret">${MARKER}</Parameter>`);
    expect(shown).toContain(`<Parameter name="SendgridAPIKey">${publishedDefault("sendgridAPIKeyValue")}</Parameter>`);
    const deployed = plan.secrets(SOME_CREDENTIALS).secretNodeFiles.find((f) => f.path === "identity/application-authentication.xml")!;
    expect(deployed.content).toContain(">gmail-Own-Secret-31<");
    // With the pack's placeholders only, the file is the ConfigMap's, as before.
    expect(JSON.stringify(planOf(["keystores.signing.kid=k1"]).nodeFilesConfigMap)).toContain("identity__application-authentication.xml");
  });

  it("is told by the table: a program's stand-in, an empty value or a published default is no credential of the user's", () => {
    const xml = `<A><Password>@obkm-password:signing@</Password><KeyPassword></KeyPassword><XMPPPassword>wso2carbon</XMPPPassword><password>@@obkm-secret:ob-password@@</password></A>`;
    expect(credentialsHeld("a.xml", xml)).toEqual([]);
    expect(credentialsHeld("a.xml", xml.replace("wso2carbon", "own-Pass-1"))).toEqual(["XMPPPassword"]);
    expect(credentialsHeld("a.json", JSON_FILE)).toEqual(["authCredential", "keyStorePassword", "clientSecret"]);
    expect(credentialsHeld("log4j.properties", "password=x")).toEqual([]);
  });
});
