// The Open Banking layer: open-banking.xml's specification and URLs, the OB datasource, and the consent apps'
// conf.json. The files are WSO2's, under its commercial licence: the tests use fixtures of ours
// (tests/fixtures/ob-pack) that hold only what the program edits, some of it as WSO2's set-ups leave it
// (localhost, obam, obkm) and some that is the bank's own and must stay.
import { execFileSync, spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { diffLines } from "diff";
import { SPECIFICATIONS } from "../config/open-banking-keys";
import { cachedBundle, editorBundle } from "../editor/bundle";
import { Rendered } from "../render/render";
import { BUNDLED_TEMPLATES, readTemplates, Templates } from "../xml/templates";
import { loadConfig } from "../config/load";
import { applyJsonEdits } from "../json/edits";
import { CONSENT_APP_FILES, consentAppClientEdits, consentAppClientEnv, consentAppEdits, consentAppTemplate } from "../plan/consent-apps";
import { OPEN_BANKING_DATASOURCES_XML } from "../plan/database/datasources";
import { datasourceEndpoints } from "../plan/database/endpoints";
import { names } from "../plan/names";
import { OPEN_BANKING_XML, openBankingSigning, openBankingUrlOrigins, openBankingXmlEdits } from "../plan/open-banking";
import { openBankingFiles } from "../plan/open-banking-files";
import { openBankingStart } from "../plan/open-banking-start";
import { KM_TEMPLATE_FILES } from "../plan/templates";
import { PROJECT_DIR } from "../project-dir";
import { applyEdits } from "../xml/edits";
import { elementTexts } from "../xml/read";
import { cliConfig, MINIMAL_SETTINGS } from "./helpers/cli-config";
import { plannedOf, planOf, secretNodeFile, SOME_CREDENTIALS } from "./helpers/plan";
import { objectOf, parse, render, textOf } from "./helpers/render";
import { PROD_EXTERNAL } from "./helpers/k8s-validate";
import { validateObjects } from "./helpers/k8s-validate-cache";
import { restrictedViolations } from "./helpers/pod-security";
import { namesTemplates } from "./helpers/stack-config";
import { appFixturePath, imageRepository, OB_FIXTURES, runEditorBundle } from "./helpers/ob-editor";

const fixture = (file: string) => fs.readFileSync(path.join(OB_FIXTURES, file), "utf8");
const appFixture = (app: "consentmgt" | "ccportal", spec = "uk") => fs.readFileSync(appFixturePath(app, spec), "utf8");

/** A pack's repository/conf, as configTemplates names it: the bundled Carbon files and our OB fixtures. */
function packWithOpenBankingFiles(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "obkm-ob-layer-"));
  fs.cpSync(BUNDLED_TEMPLATES, dir, { recursive: true });
  for (const file of ["finance/open-banking.xml", "datasources/open-banking-datasources.xml"])
    fs.cpSync(path.join(OB_FIXTURES, file), path.join(dir, file));
  return dir;
}

const pack = packWithOpenBankingFiles();
const WITH_PACK = [`configTemplates=${pack}`, "keystores.signing.kid=ob-kid-2026"];
// The prod stack: km.openbanking.bank.example, its gateway gw.openbanking.bank.example (Pulumi.prod.yaml).
const KM = "https://km.openbanking.bank.example";
const GATEWAY = "https://gw.openbanking.bank.example:8243";
const SERVICES = "https://gw.openbanking.bank.example:9443";

const changedLines = (from: string, to: string) =>
  diffLines(from, to)
    .filter((part) => part.added)
    .flatMap((part) => part.value.split("\n").filter((l) => l.trim()))
    .map((l) => l.trim());

describe("open-banking.xml, edited where configTemplates holds the user's copy", () => {
  const edited = () => secretNodeFile(WITH_PACK, "finance/open-banking.xml")!;

  it("names the stack's specification and points every URL of WSO2's set-ups at this stack's, by port", () => {
    const doc = parse(edited());
    expect(textOf(doc, "DeployedSpecification")).toEqual(["UK"]);
    // 8243 is the gateway: path and query stay as the pack has them.
    expect(textOf(doc, "Notifications")).toEqual([`${GATEWAY}/test/notifications`]);
    expect(textOf(doc, "Payments")).toEqual([`${GATEWAY}/test/{version}/payments/?a=1&b=2`]);
    // 9763 (plain HTTP) is the API Manager's servlet: reached over HTTPS on apim.servicesPort.
    expect(textOf(doc, "TestBackend")).toEqual([`${SERVICES}/test/backend/accounts`]);
    // 9446 is the KM: the customer's browser follows it, so the public URL.
    expect(textOf(doc, "TestRedirect")).toEqual([KM]);
    expect(textOf(doc, "Host")).toEqual(["gw.openbanking.bank.example"]);
  });

  it("leaves the bank's own URLs, the BI server's and other ports as they are, and changes nothing else", () => {
    const doc = parse(edited());
    expect(textOf(doc, "BankOwn")).toEqual(["https://core.bank.example:8243/accounts"]);
    expect(textOf(doc, "Analytics")).toEqual(["{tcp://obbi:7612}"]);
    expect(textOf(doc, "OtherPort")).toEqual(["https://localhost:7443/test"]);
    expect(changedLines(fixture("finance/open-banking.xml"), edited()).sort()).toEqual(
      [
        "<DeployedSpecification>UK</DeployedSpecification>",
        `<Notifications>${GATEWAY}/test/notifications</Notifications>`,
        `<Payments>${GATEWAY}/test/{version}/payments/?a=1&amp;b=2</Payments>`,
        `<TestBackend>${SERVICES}/test/backend/accounts</TestBackend>`,
        "<Host>gw.openbanking.bank.example</Host>",
        `<TestRedirect>${KM}</TestRedirect>`,
        // APISecurity/Global: the KM admin's password (the credentials' "p"), the user the admin already.
        "<Password>p</Password>",
        "<SigningCertificateAlias>ob-signing</SigningCertificateAlias>",
        "<SandboxSigningCertificateAlias>ob-signing</SandboxSigningCertificateAlias>",
        "<SigningCertificateKid>ob-kid-2026</SigningCertificateKid>",
        "<SandboxCertificateKid>ob-kid-2026</SandboxCertificateKid>",
      ].sort(),
    );
  });

  it("follows openBanking.specification, apim.servicesHost and openBanking.packHosts", () => {
    const doc = parse(
      secretNodeFile(
        [...WITH_PACK, "openBanking.specification=BERLIN", "apim.servicesHost=obam.apim.svc.cluster.local", "openBanking.packHosts[0]=localhost"],
        "finance/open-banking.xml",
      )!,
    );
    expect(textOf(doc, "DeployedSpecification")).toEqual(["BERLIN"]);
    // obam is no longer a host of WSO2's set-up to this stack: its URLs stay; localhost's move.
    expect(textOf(doc, "TestBackend")).toEqual(["http://obam:9763/test/backend/accounts"]);
    expect(textOf(doc, "Notifications")).toEqual([`${GATEWAY}/test/notifications`]);
    expect(() => planOf([...WITH_PACK, "openBanking.specification=PSD2"])).toThrow(/obkm:openBanking.specification: .*UK, BERLIN, AU/);
  });
});

describe("open-banking-datasources.xml, edited where configTemplates holds the user's copy", () => {
  it("points WSO2_OPEN_BANKING_DB at the stack's OB database, with its password, in the Secret", () => {
    const file = secretNodeFile(["database.host=db.bank.example", ...WITH_PACK], "datasources/open-banking-datasources.xml")!;
    const doc = parse(file);
    // The prod stack's engine, parameters and database CA (Pulumi.prod.yaml), as master-datasources.xml has them.
    expect(textOf(doc, "url")).toEqual([
      "jdbc:postgresql://db.bank.example:5432/openbank_openbankingdb?sslmode=verify-full&sslrootcert=/opt/obkm-keys/configmap/bank-internal-ca/ca.crt",
    ]);
    expect(textOf(doc, "username")).toEqual(["obkm"]);
    expect(textOf(doc, "password")).toEqual([SOME_CREDENTIALS.datasourcePasswords.ob]);
    expect(textOf(doc, "driverClassName")).toEqual(["org.postgresql.Driver"]);
  });

  it("never reaches a ConfigMap, and the render shows no password", async () => {
    const rendered = await render(WITH_PACK, "prod");
    const shown = objectOf(rendered, "Secret", "obkm-km-secret-files").stringData["conf__datasources__open-banking-datasources.xml"];
    expect(textOf(parse(shown), "password")).toEqual(["[redacted]"]);
    for (const cm of rendered.objects.filter((o) => o.kind === "ConfigMap")) expect(JSON.stringify(cm)).not.toContain("WSO2_OPEN_BANKING_DB");
    // Both OB files are the user's here: the nodes edit only the consent apps at start.
    const plan = JSON.parse(rendered.files["bin/ob-edit-plan.json"]);
    expect(plan.files.map((f: { path: string }) => f.path)).toEqual([
      "deployment/server/jaggeryapps/consentmgt/configs/conf.json",
      "deployment/server/jaggeryapps/ccportal/configs/conf.json",
    ]);
  });
});

describe("the consent apps' conf.json, where configTemplates is a pack's repository/conf with its deployment/ beside it", () => {
  /** <dir>/repository/conf as configTemplates names it, and the apps' files under <dir>/repository/deployment. */
  function wholePack(): string {
    const conf = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "obkm-whole-pack-")), "repository", "conf");
    fs.cpSync(packWithOpenBankingFiles(), conf, { recursive: true });
    for (const app of ["consentmgt", "ccportal"]) {
      const to = path.join(conf, "..", "deployment/server/jaggeryapps", app, "configs/conf.json");
      fs.mkdirSync(path.dirname(to), { recursive: true });
      fs.copyFileSync(appFixturePath(app as "consentmgt" | "ccportal"), to);
    }
    return conf;
  }

  it("edits them at render time, for the review, delivers them with the secret files, and leaves nothing to edit at start", async () => {
    const rendered = await render([`configTemplates=${wholePack()}`, "keystores.signing.kid=ob-kid-2026"], "prod");
    const shown = objectOf(rendered, "Secret", "obkm-km-secret-files").stringData["deployment__server__jaggeryapps__consentmgt__configs__conf.json"];
    expect(shown).toContain(`"kmHost" : "https://obkm-km.openbanking-km.svc.cluster.local"`);
    expect(shown).toContain(`"redirectUrl" : "${KM}/consentmgt"`);
    expect(shown).toContain("// a member obkm leaves alone");
    const spec = objectOf(rendered, "StatefulSet", "obkm-km").spec.template.spec;
    // A volume item's path may not hold "..": the file sits at deployment/... beside conf/ in the mount.
    expect(spec.volumes.find((v: { name: string }) => v.name === "secret-files").secret.items).toContainEqual({
      key: "deployment__server__jaggeryapps__consentmgt__configs__conf.json",
      path: "deployment/server/jaggeryapps/consentmgt/configs/conf.json",
    });
    expect(rendered.files["bin/start.sh"]).toContain('install_file "$secret_files" ../deployment/server/jaggeryapps/consentmgt/configs/conf.json');
    // Every OB file is the user's: no editor, no edit plan.
    expect(spec.initContainers.map((c: { name: string }) => c.name)).not.toContain("edit-open-banking-files");
    expect(rendered.files["bin/ob-edit-plan.json"]).toBeUndefined();
    expect(validateObjects(rendered.objects, PROD_EXTERNAL)).toEqual([]);
  });

  it("hides a password ccportal's copy holds, in the render only", () => {
    const conf = wholePack();
    const file = path.join(conf, "..", "deployment/server/jaggeryapps/ccportal/configs/conf.json");
    fs.writeFileSync(file, fs.readFileSync(file, "utf8").replace('"keyStorePassword" : ""', '"keyStorePassword" : "sso-Secret-77"'));
    const plan = planOf([`configTemplates=${conf}`, "keystores.signing.kid=k1"]);
    const key = "deployment__server__jaggeryapps__ccportal__configs__conf.json";
    expect(plan.secretFilesShown("[redacted]")[key]).toContain('"keyStorePassword" : "[redacted]"');
    const deployed = plan.secrets(SOME_CREDENTIALS).secretNodeFiles.find((f) => f.path.endsWith("ccportal/configs/conf.json"))!;
    expect(deployed.content).toContain('"keyStorePassword" : "sso-Secret-77"');
  });
});

describe("a render of the user's copies", () => {
  it("hides every password they hold, the program's and their own", () => {
    const dir = packWithOpenBankingFiles();
    const file = path.join(dir, "datasources/open-banking-datasources.xml");
    // A second datasource of the bank's own in the same file, which the program does not touch.
    fs.writeFileSync(
      file,
      fs
        .readFileSync(file, "utf8")
        .replace(
          "</datasources>\n</datasources-configuration>",
          '    <datasource><name>BANK_REPORTS</name><definition type="RDBMS"><configuration><password>bank-own-Secret9</password></configuration></definition></datasource>\n    </datasources>\n</datasources-configuration>',
        ),
    );
    const shown = planOf([`configTemplates=${dir}`, "keystores.signing.kid=k1"]).secretFilesShown("[redacted]");
    expect(JSON.stringify(shown)).not.toContain("bank-own-Secret9");
    expect(JSON.stringify(shown)).not.toContain("fixture-password-1234");
    expect(textOf(parse(shown["conf__datasources__open-banking-datasources.xml"]), "password")).toEqual(["[redacted]", "[redacted]"]);
  });
});

describe("the image's own OB files, edited at a node's start (no copies in configTemplates)", () => {
  let prod: Rendered;
  beforeAll(async () => {
    prod = await render(["keystores.signing.kid=ob-kid-2026"], "prod");
  });
  const podSpec = () => objectOf(prod, "StatefulSet", "obkm-km").spec.template.spec;

  it("copies them out of the KM image and edits them with the editor image, before the server starts, restricted like the node", () => {
    const init = podSpec().initContainers;
    const names = init.map((c: { name: string }) => c.name);
    expect(names.indexOf("copy-open-banking-files")).toBeLessThan(names.indexOf("edit-open-banking-files"));
    const [copy, edit] = ["copy-open-banking-files", "edit-open-banking-files"].map((name) => init.find((c: { name: string }) => c.name === name));
    expect(copy.image).toBe(objectOf(prod, "StatefulSet", "obkm-km").spec.template.spec.containers[0].image);
    expect(edit.image).toBe(`registry.bank.example/mirror/node:24.19.0-alpine@sha256:${"2".repeat(64)}`);
    expect(edit.command).toEqual(["node", "/opt/obkm/bin/ob-edit.js", "/opt/obkm/bin/ob-edit-plan.json", "/opt/obkm-ob/pack", "/opt/obkm-ob/edited"]);
    // The OB database's password comes from the credentials Secret, into the editor's environment only.
    // APISecurity/Global's password is the KM admin's, from the same Secret.
    expect(edit.env).toEqual([
      { name: "OBKM_SECRET_ADMIN_PASSWORD", valueFrom: { secretKeyRef: { name: "obkm-km-credentials", key: "admin-password" } } },
      { name: "OBKM_SECRET_OB_PASSWORD", valueFrom: { secretKeyRef: { name: "obkm-km-credentials", key: "ob-password" } } },
    ]);
    expect(copy.env.some((e: { name: string }) => e.name.startsWith("OBKM_SECRET"))).toBe(false);
    // The edited files (one holds that password) sit in memory, read-only to the server.
    expect(podSpec().volumes).toContainEqual({ name: "open-banking-files", emptyDir: { medium: "Memory", sizeLimit: "16Mi" } });
    expect(podSpec().containers[0].volumeMounts).toContainEqual({ name: "open-banking-files", mountPath: "/opt/obkm-ob", readOnly: true });
    expect(restrictedViolations(podSpec())).toEqual([]);
    expect(validateObjects(prod.objects, PROD_EXTERNAL)).toEqual([]);
  });

  it("puts the edit plan in the ConfigMap for review, with a slot where the password goes and no password", () => {
    const plan = JSON.parse(prod.files["bin/ob-edit-plan.json"]);
    expect(plan.files.map((f: { path: string }) => f.path)).toEqual([
      "conf/finance/open-banking.xml",
      "conf/datasources/open-banking-datasources.xml",
      "deployment/server/jaggeryapps/consentmgt/configs/conf.json",
      "deployment/server/jaggeryapps/ccportal/configs/conf.json",
    ]);
    expect(prod.files["bin/ob-edit-plan.json"]).toContain('"value": "@@obkm-secret:ob-password@@"');
    const start = prod.files["bin/start.sh"];
    for (const f of plan.files) expect(start).toContain(`install_edited ${f.path}`);
  });

  it("is refused for a bank's stack without the signing key id, naming the key, before anything is created", () => {
    expect(() => planOf(["keystores.signing.kid="])).toThrow(
      'obkm:keystores.signing.kid: is empty on stack "prod"; expected the key id of the signing certificate',
    );
    // A dev stack's generated key is no directory's: the image's key ids stay.
    const dev = planOf([], "dev");
    expect(dev.outputs.publicUrl).toBe("https://km.dev.obkm.example.com/");
  });
});

describe("the editor, run by Node as the node's init container runs it", () => {
  const bundle = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "obkm-editor-")), "ob-edit.js");
  fs.writeFileSync(bundle, editorBundle());
  const PASSWORD = `o<b&"pass'word`;

  const PASSWORDS = { OBKM_SECRET_OB_PASSWORD: PASSWORD, OBKM_SECRET_ADMIN_PASSWORD: SOME_CREDENTIALS.adminPassword };
  /**
   * The edit plan the init container reads, planned once per stack and overrides: most runs below ask for the
   * same one against different images or passwords. A text, so no run can change another's; not kept where
   * a template directory is named, whose files a test may change between runs.
   */
  const editPlans = new Map<string, string>();
  const editPlanOf = (sets: string[], stack: string): string => {
    const plan = () => (planOf(sets, stack).nodeFilesConfigMap.data as Record<string, string>)["bin__ob-edit-plan.json"];
    if (namesTemplates(sets)) return plan();
    const key = JSON.stringify([stack, sets]);
    if (!editPlans.has(key)) editPlans.set(key, plan());
    return editPlans.get(key)!;
  };

  const runEditor = (sets: string[], stack: string, repository: string, env: Record<string, string> = PASSWORDS) =>
    runEditorBundle(process.execPath, bundle, editPlanOf(sets, stack), repository, env);

  // Every specification: each has edits of its own, and the editor must make each as the render does.
  it.each(SPECIFICATIONS)("edits the image's files exactly as the render edits the same files from configTemplates (%s)", (specification) => {
    const common = ["keystores.signing.kid=ob-kid-2026", "database.host=db.bank.example", `openBanking.specification=${specification}`];
    const { run, read, out } = runEditor(common, "prod", imageRepository());
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    const sets = [...common, `configTemplates=${pack}`];
    const credentials = { ...SOME_CREDENTIALS, datasourcePasswords: { ...SOME_CREDENTIALS.datasourcePasswords, ob: PASSWORD } };
    const rendered = Object.fromEntries(
      planOf(sets)
        .secrets(credentials)
        .secretNodeFiles.map((f) => [f.path, f.content]),
    );
    expect(read("conf/finance/open-banking.xml")).toBe(rendered["finance/open-banking.xml"]);
    expect(read("conf/datasources/open-banking-datasources.xml")).toBe(rendered["datasources/open-banking-datasources.xml"]);
    expect(textOf(parse(read("conf/datasources/open-banking-datasources.xml")), "password")).toEqual([PASSWORD]);
    // Only the KM's user may read what the editor wrote.
    expect(fs.statSync(path.join(out, "conf/datasources/open-banking-datasources.xml")).mode & 0o077).toBe(0);
  });

  it("edits the consent apps' conf.json as JSON: the members it names, comments and the rest as they were", () => {
    const { read } = runEditor(["keystores.signing.kid=ob-kid-2026"], "prod", imageRepository());
    const consentmgt = read("deployment/server/jaggeryapps/consentmgt/configs/conf.json");
    expect(changedLines(appFixture("consentmgt"), consentmgt).sort()).toEqual(
      [
        '"apimHost" : "https://gw.openbanking.bank.example",',
        '"apimNioPort" : "8243",',
        '"apimHttpPort" : "9443",',
        '"kmHost" : "https://obkm-km.openbanking-km.svc.cluster.local",',
        `"redirectUrl" : "${KM}/consentmgt",`,
        `"logoutUrl" : "${KM}/consentmgt",`,
      ].sort(),
    );
    // ccportal's UK file already says UK, and its SAML members are off in the pack: nothing to change.
    expect(read("deployment/server/jaggeryapps/ccportal/configs/conf.json")).toBe(appFixture("ccportal"));
  });

  it("writes the consent portal's OAuth client from the bank's Secret at the start, and nowhere else", () => {
    const sets = ["keystores.signing.kid=ob-kid-2026", "openBanking.consentAppClientSecret=consentmgt-client"];
    const client = { OBKM_SECRET_CONSENT_APP_APPLICATION_ID: "portal-client-1", OBKM_SECRET_CONSENT_APP_AUTH_CREDENTIAL: "cG9ydGFsOnMzY3JldA==" };
    const { run, read } = runEditor(sets, "prod", imageRepository(), { ...PASSWORDS, ...client });
    expect(run.status).toBe(0);
    const consentmgt = read("deployment/server/jaggeryapps/consentmgt/configs/conf.json");
    expect(consentmgt).toContain('"applicationId" : "portal-client-1"');
    expect(consentmgt).toContain('"authCredential" : "cG9ydGFsOnMzY3JldA=="');
    // The editor takes both from the bank's Secret, by the keys the docs name; the plan holds slots only.
    const init = (planOf(sets).statefulSet({ credentials: "c", keystores: "k" }).spec as any).template.spec.initContainers;
    const edit = init.find((c: { name: string }) => c.name === "edit-open-banking-files");
    expect(edit.env).toEqual(
      expect.arrayContaining([
        { name: "OBKM_SECRET_CONSENT_APP_APPLICATION_ID", valueFrom: { secretKeyRef: { name: "consentmgt-client", key: "applicationId" } } },
        { name: "OBKM_SECRET_CONSENT_APP_AUTH_CREDENTIAL", valueFrom: { secretKeyRef: { name: "consentmgt-client", key: "authCredential" } } },
      ]),
    );
    const missing = runEditor(sets, "prod", imageRepository());
    expect(missing.run.status).toBe(1);
    expect(missing.run.stderr).toBe(
      "obkm: OBKM_SECRET_CONSENT_APP_APPLICATION_ID is not set; it must hold the password consent-app-application-id\n",
    );
  });

  it("stops the pod with one line naming the file and the path when the image's file lacks what an edit names", () => {
    const repository = imageRepository();
    const file = path.join(repository, "conf/finance/open-banking.xml");
    fs.writeFileSync(file, fs.readFileSync(file, "utf8").replace(/<DeployedSpecification>.*<\/DeployedSpecification>/, ""));
    const { run } = runEditor(["keystores.signing.kid=ob-kid-2026"], "prod", repository);
    expect(run.status).toBe(1);
    expect(run.stderr).toBe(
      "obkm: conf/finance/open-banking.xml: /Server/DeployedSpecification: no such element in the template (commented-out elements do not count)\n",
    );
    const json = path.join(repository, "deployment/server/jaggeryapps/consentmgt/configs/conf.json");
    fs.copyFileSync(path.join(OB_FIXTURES, "finance/open-banking.xml"), file);
    fs.writeFileSync(json, appFixture("consentmgt").replace(/"kmPort".*\n/, ""));
    expect(runEditor(["keystores.signing.kid=ob-kid-2026"], "prod", repository).run.stderr).toBe(
      "obkm: deployment/server/jaggeryapps/consentmgt/configs/conf.json: /kmPort: no such member in the template (commented-out members do not count)\n",
    );
  });

  it("stops without its password, naming the variable, and never prints a password", () => {
    const { run } = runEditor(["keystores.signing.kid=ob-kid-2026"], "prod", imageRepository(), { OBKM_SECRET_ADMIN_PASSWORD: "a" });
    expect(run.status).toBe(1);
    expect(run.stderr).toBe("obkm: OBKM_SECRET_OB_PASSWORD is not set; it must hold the password ob-password\n");
    // APISecurity/Global's, the KM admin's, as well.
    const noAdmin = runEditor(["keystores.signing.kid=ob-kid-2026"], "prod", imageRepository(), { OBKM_SECRET_OB_PASSWORD: PASSWORD });
    expect(noAdmin.run.stderr).toBe("obkm: OBKM_SECRET_ADMIN_PASSWORD is not set; it must hold the password admin-password\n");
    const ok = runEditor(["keystores.signing.kid=ob-kid-2026"], "prod", imageRepository());
    expect(ok.run.stdout + ok.run.stderr).not.toContain(PASSWORD);
  });

  it("runs the copy step's script: a file the image lacks stops the pod, naming it", () => {
    const copy = planOf(["keystores.signing.kid=ob-kid-2026"]).statefulSet({ credentials: "c", keystores: "k" }).spec!;
    const init = (copy as any).template.spec.initContainers.find((c: { name: string }) => c.name === "copy-open-banking-files");
    const km = fs.mkdtempSync(path.join(os.tmpdir(), "obkm-km-home-"));
    fs.cpSync(imageRepository(), path.join(km, "repository"), { recursive: true });
    const script = init.command[2].split("/opt/obkm-ob").join(path.join(km, "work"));
    execFileSync("/bin/sh", ["-c", script], { env: { KM_HOME: km } });
    expect(fs.readFileSync(path.join(km, "work/pack/conf/finance/open-banking.xml"), "utf8")).toBe(fixture("finance/open-banking.xml"));
    fs.rmSync(path.join(km, "repository/deployment/server/jaggeryapps/ccportal/configs/conf.json"));
    const missing = spawnSync("/bin/sh", ["-c", script], { env: { KM_HOME: km }, encoding: "utf8" });
    expect(missing.status).toBe(1);
    expect(missing.stderr).toContain("obkm: deployment/server/jaggeryapps/ccportal/configs/conf.json: not in the image's pack");
  });
});

describe("warnings", () => {
  it("says nothing about the OB files: they are edited one way or the other", () => {
    // The dev example reaches no OB directory (its one range is private): that warning is the egress's
    // (tests/egress.test.ts), so this stack says it fetches no JWKS.
    expect(plannedOf(["openBanking.directoryJwks=false"], "dev").warnings).toEqual([]);
  });
});

describe("the editor's bundle", () => {
  it("is kept with the list of its inputs and used again only while every input is unchanged", () => {
    const cacheFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "obkm-bundle-")), "ob-edit.json");
    const built = cachedBundle(cacheFile);
    expect(built).toBe(editorBundle());
    const entry = JSON.parse(fs.readFileSync(cacheFile, "utf8"));
    // What decides the bytes: our sources and the parsers' files, by the paths esbuild read.
    expect(entry.inputs).toEqual(expect.arrayContaining(["editor/ob-edit.ts", "xml/edits.ts", "json/edits.ts"]));
    expect(entry.inputs.some((i: string) => i.startsWith("node_modules/jsonc-parser/"))).toBe(true);
    // An entry whose fingerprint matches is used as it is...
    fs.writeFileSync(cacheFile, JSON.stringify({ ...entry, bundle: "kept" }));
    expect(cachedBundle(cacheFile)).toBe("kept");
    // ...and one whose inputs changed since (a stale fingerprint) is built anew.
    fs.writeFileSync(cacheFile, JSON.stringify({ ...entry, fingerprint: "stale", bundle: "stale" }));
    expect(cachedBundle(cacheFile)).toBe(built);
  });
});

// The Open Banking modules' own blocks: their functions called on a loaded config and our fixtures, no render.
const obConfigOf = (sets: Record<string, string> = {}) =>
  loadConfig(cliConfig({ ...MINIMAL_SETTINGS, ...sets }), { stack: "dev", projectDir: PROJECT_DIR }).config;
const obKm = readTemplates(undefined, KM_TEMPLATE_FILES);
/** The bundled templates with the OB files a user's pack would add: `held` of them. */
const heldTemplates = (held: string[]): Templates => {
  const sources: Record<string, string> = {
    [OPEN_BANKING_XML]: fixture("finance/open-banking.xml"),
    [OPEN_BANKING_DATASOURCES_XML]: fixture("datasources/open-banking-datasources.xml"),
    [consentAppTemplate(CONSENT_APP_FILES.consentmgt)]: appFixture("consentmgt"),
    [consentAppTemplate(CONSENT_APP_FILES.ccportal)]: appFixture("ccportal"),
  };
  return { ...obKm, files: { ...obKm.files, ...Object.fromEntries(held.map((f) => [f, sources[f]])) } };
};
// A manifest part as the plain JSON it is: the types allow Pulumi inputs, which the plan never makes.
const plainOf = (value: unknown): any => JSON.parse(JSON.stringify(value));
const SIGNING = { alias: "ob-signing", kid: "kid-1", sandbox: { alias: "ob-sandbox", kid: "kid-2" } };

describe("plan/open-banking.ts", () => {
  const config = obConfigOf({ "obkm:openBanking.specification": "BERLIN" });
  const edited = applyEdits(OPEN_BANKING_XML, fixture("finance/open-banking.xml"), openBankingXmlEdits(config, SIGNING));
  const at = (path: string) => elementTexts(OPEN_BANKING_XML, edited, path);

  it("re-points WSO2's hosts by port: 8243 to the gateway, 9443 and 9763 to the API Manager's services over HTTPS, 9446 to the KM's public URL", () => {
    expect(openBankingUrlOrigins(config).map((o) => [o.ports, o.to])).toEqual([
      [[8243], "https://gw.bank.example:8243"],
      [[9443, 9763], "https://gw.bank.example:9443"],
      [[9446, 9766], "https://km.bank.example"],
    ]);
    expect(at("/Server/TestGateway/Notifications")).toEqual(["https://gw.bank.example:8243/test/notifications"]);
    expect(at("/Server/TestBackend")).toEqual(["https://gw.bank.example:9443/test/backend/accounts"]);
    expect(at("/Server/Berlin/TestRedirect")).toEqual(["https://km.bank.example"]);
    // A bank's own host, the BI server and a port no WSO2 service of the stack uses are left alone.
    expect(at("/Server/TestLeftAlone/BankOwn")).toEqual(["https://core.bank.example:8243/accounts"]);
    expect(at("/Server/TestLeftAlone/OtherPort")).toEqual(["https://localhost:7443/test"]);
  });

  it("names the specification, the gateway host of the Berlin and STET sections, and the signing certificates", () => {
    expect(at("/Server/DeployedSpecification")).toEqual(["BERLIN"]);
    expect(at("/Server/Berlin/Host")).toEqual(["gw.bank.example"]);
    const retriever = "/Server/OBIdentityRetriever/Server";
    expect([
      at(`${retriever}/SigningCertificateAlias`),
      at(`${retriever}/SigningCertificateKid`),
      at(`${retriever}/SandboxSigningCertificateAlias`),
      at(`${retriever}/SandboxCertificateKid`),
    ]).toEqual([["ob-signing"], ["kid-1"], ["ob-sandbox"], ["kid-2"]]);
  });

  it("a dev stack without key ids leaves the file's own, and the sandbox falls back on the signing key", () => {
    const signing = openBankingSigning(obConfigOf(), "obkm-signing");
    expect(signing).toEqual({ alias: "obkm-signing", kid: undefined, sandbox: { alias: "obkm-signing", kid: undefined } });
    const xml = applyEdits(OPEN_BANKING_XML, fixture("finance/open-banking.xml"), openBankingXmlEdits(obConfigOf(), signing));
    expect(elementTexts(OPEN_BANKING_XML, xml, "/Server/OBIdentityRetriever/Server/SigningCertificateKid")).toEqual(["test-kid"]);
    const named = openBankingSigning(
      obConfigOf({ "obkm:keystores.signing.kid": "k1", "obkm:keystores.sandboxSigning.alias": "sb", "obkm:keystores.sandboxSigning.kid": "k2" }),
      "a",
    );
    expect(named).toEqual({ alias: "a", kid: "k1", sandbox: { alias: "sb", kid: "k2" } });
  });
});

describe("plan/consent-apps.ts", () => {
  const parsed = (text: string) => JSON.parse(text.replace(/^\s*\/\/.*$/gm, "").replace(/,(\s*[}\]])/g, "$1"));
  const editedApp = (app: "consentmgt" | "ccportal", spec: string, sets: Record<string, string> = {}) => {
    const config = obConfigOf({ "obkm:openBanking.specification": spec, ...sets });
    return applyJsonEdits("conf.json", appFixture(app, spec.toLowerCase()), consentAppEdits(config, names(config))[CONSENT_APP_FILES[app]]);
  };

  it("points the browser's members at the public host and the server side's at the KM Service and the API Manager, schemes kept", () => {
    expect(parsed(editedApp("consentmgt", "UK"))).toMatchObject({
      // The PSU's browser follows these (psu.consent-portal): the public host on 443.
      redirectUrl: "https://km.bank.example/consentmgt",
      logoutUrl: "https://km.bank.example/consentmgt",
      // The portal's server side runs in the KM pod: its token call goes to the KM Service, where the
      // node's certificate holds the name, never to the public host, where /oauth2/token is not published.
      kmHost: "https://obkm-km.obkm-dev.svc.cluster.local",
      kmPort: "9446",
      // The API Manager: apimHost keeps a scheme (WSO2 writes http://obam), its ports are the routes'.
      apimHost: "https://gw.bank.example",
      apimHttpPort: "9443",
      apimNioPort: "8243",
      pageSize: { rows: 5 },
    });
  });

  it("follows apim.servicesHost, apim.servicesPort and apim.gatewayPort", () => {
    const sets = { "obkm:apim.servicesHost": "obam.apim.svc.cluster.local", "obkm:apim.servicesPort": "9763", "obkm:apim.gatewayPort": "8443" };
    expect(parsed(editedApp("consentmgt", "BERLIN", sets))).toMatchObject({
      apimHost: "https://obam.apim.svc.cluster.local",
      apimHttpPort: "9763",
      apimNioPort: "8443",
    });
  });

  it("writes DeployedSpecification as WSO2's sets keep it: UK and BERLIN as themselves, UK for AU, in both apps", () => {
    for (const [spec, written] of [
      ["UK", "UK"],
      ["BERLIN", "BERLIN"],
      ["AU", "UK"],
    ]) {
      expect(parsed(editedApp("consentmgt", spec)).DeployedSpecification).toBe(written);
      expect(parsed(editedApp("ccportal", spec)).DeployedSpecification).toBe(written);
    }
  });

  it("changes nothing else: ccportal's SAML and reverse-proxy members (off in the pack) and every other byte stay", () => {
    for (const spec of ["UK", "BERLIN", "AU"]) {
      // Our AU and UK fixtures already say UK: an AU stack changes nothing in ccportal.
      const before = appFixture("ccportal", spec.toLowerCase());
      const after = editedApp("ccportal", spec);
      expect(after).toBe(before);
    }
    // kmPort is the KM Service's 9446, as WSO2's set has it: written, and unchanged.
    const changed = changedLines(appFixture("consentmgt"), editedApp("consentmgt", "UK"));
    expect(changed.map((l) => l.split(" : ")[0]).sort()).toEqual(
      ['"apimHost"', '"apimHttpPort"', '"apimNioPort"', '"kmHost"', '"logoutUrl"', '"redirectUrl"'].sort(),
    );
  });

  it("writes the portal's own OAuth client only as slots, filled at a node's start from the bank's Secret", () => {
    expect(consentAppClientEdits(obConfigOf())).toEqual([]);
    const config = obConfigOf({ "obkm:openBanking.consentAppClientSecret": "consentmgt-client" });
    expect(consentAppClientEdits(config)).toEqual([
      { kind: "set", path: ["applicationId"], value: "@@obkm-secret:consent-app-application-id@@" },
      { kind: "set", path: ["authCredential"], value: "@@obkm-secret:consent-app-auth-credential@@" },
    ]);
    expect(consentAppClientEnv(config, (slot) => slot.toUpperCase())).toEqual([
      { name: "CONSENT-APP-APPLICATION-ID", valueFrom: { secretKeyRef: { name: "consentmgt-client", key: "applicationId" } } },
      { name: "CONSENT-APP-AUTH-CREDENTIAL", valueFrom: { secretKeyRef: { name: "consentmgt-client", key: "authCredential" } } },
    ]);
    expect(() => obConfigOf({ "obkm:openBanking.consentAppClientSecret": "Not_A_Name" })).toThrow(
      /obkm:openBanking.consentAppClientSecret: .*DNS subdomain/,
    );
  });

  it("reads the apps' files beside repository/conf, where configTemplates points", () => {
    expect(consentAppTemplate(CONSENT_APP_FILES.consentmgt)).toBe("../deployment/server/jaggeryapps/consentmgt/configs/conf.json");
  });
});

describe("plan/open-banking-files.ts", () => {
  const config = obConfigOf();
  const n = names(config);
  const endpoints = datasourceEndpoints(config, n);
  const all = [OPEN_BANKING_XML, OPEN_BANKING_DATASOURCES_XML, ...Object.values(CONSENT_APP_FILES).map(consentAppTemplate)];

  it("with no copies held, leaves every OB file to the node's start, each with the render's edits", () => {
    const { edited, atStart } = openBankingFiles(config, n, heldTemplates([]), SIGNING, endpoints);
    expect(edited).toEqual([]);
    expect(atStart!.plan.files.map((f) => [f.path, f.format])).toEqual([
      [`conf/${OPEN_BANKING_XML}`, "xml"],
      [`conf/${OPEN_BANKING_DATASOURCES_XML}`, "xml"],
      [CONSENT_APP_FILES.consentmgt, "json"],
      [CONSENT_APP_FILES.ccportal, "json"],
    ]);
    expect(atStart!.plan.files[0].edits).toEqual(openBankingXmlEdits(config, SIGNING));
  });

  it("edits the copies configTemplates holds at render time, leaving nothing to the start; open-banking-datasources.xml goes with the secret files", () => {
    const { edited, atStart } = openBankingFiles(config, n, heldTemplates(all), SIGNING, endpoints);
    expect(atStart).toBeUndefined();
    expect(edited.map((f) => f.path).sort()).toEqual([OPEN_BANKING_XML, ...Object.values(CONSENT_APP_FILES).map(consentAppTemplate)].sort());
    const xml = edited.find((f) => f.path === OPEN_BANKING_XML)!.content;
    expect(elementTexts(OPEN_BANKING_XML, xml, "/Server/OBIdentityRetriever/Server/SigningCertificateAlias")).toEqual(["ob-signing"]);
  });

  it("with some held, edits those and leaves exactly the others to the start", () => {
    const { edited, atStart } = openBankingFiles(config, n, heldTemplates([OPEN_BANKING_XML]), SIGNING, endpoints);
    expect(edited.map((f) => f.path)).toEqual([OPEN_BANKING_XML]);
    expect(atStart!.plan.files.map((f) => f.path)).not.toContain(`conf/${OPEN_BANKING_XML}`);
    expect(atStart!.plan.files.map((f) => f.path)).toContain(`conf/${OPEN_BANKING_DATASOURCES_XML}`);
  });
});

describe("plan/open-banking-start.ts", () => {
  const config = obConfigOf({ "obkm:openBanking.editorImage": "node:22.17-alpine" });
  const n = names(config);
  const files = [
    {
      path: "conf/finance/open-banking.xml",
      format: "xml" as const,
      edits: [{ kind: "set" as const, path: "/Server/A", value: "@@obkm-secret:ob-password@@" }],
    },
    {
      path: "conf/x.xml",
      format: "xml" as const,
      edits: [{ kind: "set" as const, path: "/B", value: "@@obkm-secret:ob-password@@ @@obkm-secret:am-password@@" }],
    },
  ];
  const start = openBankingStart(config, n, files)!;
  const resources = { requests: { cpu: "100m" } };

  it("has nothing to do, and adds no container, when every file is held", () => {
    expect(openBankingStart(config, n, [])).toBeUndefined();
  });

  it("names each password slot once, the credentials Secret's key, and gives the editor each from that Secret, never in its arguments", () => {
    expect(start.slots).toEqual(["am-password", "ob-password"]);
    const [, edit] = start.initContainers(resources);
    expect(edit.image).toBe("node:22.17-alpine");
    expect(plainOf(edit.env)).toEqual([
      { name: "OBKM_SECRET_AM_PASSWORD", valueFrom: { secretKeyRef: { name: n.credentials, key: "am-password" } } },
      { name: "OBKM_SECRET_OB_PASSWORD", valueFrom: { secretKeyRef: { name: n.credentials, key: "ob-password" } } },
    ]);
    expect(JSON.stringify(edit.command)).not.toContain("password");
  });

  it("copies each file out of the KM image, and stops the pod naming a file the image lacks", () => {
    const [copy] = start.initContainers(resources);
    expect(copy.image).toBe(config.image);
    const script = (copy.command as string[])[2];
    expect(script).toContain('cp "$KM_HOME/repository/conf/finance/open-banking.xml"');
    expect(script).toContain("obkm: conf/x.xml: not in the image's pack");
    expect(script.startsWith("set -eu\n")).toBe(true);
  });

  it("passes the edited files through a memory-backed volume, mounted read-only where the start script reads it", () => {
    expect(start.volume).toEqual({ name: start.volumeMount.name, emptyDir: { medium: "Memory", sizeLimit: "16Mi" } });
    expect(start.volumeMount.readOnly).toBe(true);
    expect(start.plan.files).toBe(files);
  });
});
