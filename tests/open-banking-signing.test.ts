// open-banking.xml names the certificates Open Banking signs with: the aliases of the signing keystore and
// the key ids the OB directory knows. The file is WSO2's, under its commercial licence, so it is edited only
// where the user's templates hold it; the tests use a fixture of ours that holds only what we edit.
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { diffLines } from "diff";
import { Rendered } from "../render/render";
import { BUNDLED_TEMPLATES } from "../xml/templates";
import { plannedOf, planOf, secretNodeFile, SOME_CREDENTIALS } from "./helpers/plan";
import { objectOf, parse, render, textOf } from "./helpers/render";

const FIXTURE = path.join(__dirname, "fixtures", "ob-pack", "finance", "open-banking.xml");

/** A pack's repository/conf as configTemplates names it: the bundled Carbon files and the OB fixture. */
function packWithOpenBanking(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "obkm-ob-pack-"));
  fs.cpSync(BUNDLED_TEMPLATES, dir, { recursive: true });
  fs.mkdirSync(path.join(dir, "finance"));
  fs.copyFileSync(FIXTURE, path.join(dir, "finance", "open-banking.xml"));
  return dir;
}

const pack = packWithOpenBanking();

let rendered: Rendered;
beforeAll(async () => {
  rendered = await render(
    [`configTemplates=${pack}`, "keystores.signing.kid=ob-kid-2026", "keystores.sandboxSigning.kid=ob-sandbox-kid-2026"],
    "prod",
  );
});

const secretFiles = (r: Rendered) => objectOf(r, "Secret", "obkm-km-secret-files").stringData as Record<string, string>;
const OB_KEY = "conf__finance__open-banking.xml";

describe("open-banking.xml, where the templates hold it", () => {
  it("names the signing keystore's alias and the configured key ids, production and sandbox", () => {
    const doc = parse(secretFiles(rendered)[OB_KEY]);
    expect(textOf(doc, "SigningCertificateAlias")).toEqual(["ob-signing"]); // keystores.signing.alias in Pulumi.prod.yaml
    expect(textOf(doc, "SigningCertificateKid")).toEqual(["ob-kid-2026"]);
    // no sandbox alias set: the sandbox signs with the production key
    expect(textOf(doc, "SandboxSigningCertificateAlias")).toEqual(["ob-signing"]);
    expect(textOf(doc, "SandboxCertificateKid")).toEqual(["ob-sandbox-kid-2026"]);
  });

  it("reaches the nodes differing from the user's copy in the signing elements and the OB layer's (open-banking-layer.test.ts) only; the render shows its password as [redacted]", () => {
    const added = (from: string, to: string) =>
      diffLines(from, to)
        .filter((part) => part.added)
        .flatMap((part) => part.value.split("\n").filter((l) => l.trim()))
        .map((l) => l.trim())
        .sort();
    const ours = [
      "<SigningCertificateAlias>ob-signing</SigningCertificateAlias>",
      "<SandboxSigningCertificateAlias>ob-signing</SandboxSigningCertificateAlias>",
      "<SigningCertificateKid>ob-kid-2026</SigningCertificateKid>",
      "<SandboxCertificateKid>ob-sandbox-kid-2026</SandboxCertificateKid>",
      // The OB layer's own edits (open-banking-layer.test.ts says why each).
      "<DeployedSpecification>UK</DeployedSpecification>",
      "<Notifications>https://gw.openbanking.bank.example:8243/test/notifications</Notifications>",
      "<Payments>https://gw.openbanking.bank.example:8243/test/{version}/payments/?a=1&amp;b=2</Payments>",
      "<TestBackend>https://gw.openbanking.bank.example:9443/test/backend/accounts</TestBackend>",
      "<Host>gw.openbanking.bank.example</Host>",
      "<TestRedirect>https://km.openbanking.bank.example</TestRedirect>",
    ];
    const fixture = fs.readFileSync(FIXTURE, "utf8");
    // What the node gets: the plan's file, with the user's own password as the user's copy has it.
    const sets = [`configTemplates=${pack}`, "keystores.signing.kid=ob-kid-2026", "keystores.sandboxSigning.kid=ob-sandbox-kid-2026"];
    // APISecurity/Global's password becomes the KM admin's (the test credentials' "p").
    expect(added(fixture, secretNodeFile(sets, "finance/open-banking.xml")!)).toEqual([...ours, "<Password>p</Password>"].sort());
    // What a render or a review shows of it: APISecurity's and the file's own password, each hidden.
    expect(added(fixture, secretFiles(rendered)[OB_KEY])).toEqual(
      [...ours, "<Password>[redacted]</Password>", "<Password>[redacted]</Password>"].sort(),
    );
  });

  it("reaches the nodes through the Secret of files that hold passwords, never a ConfigMap, and the render hides its passwords", () => {
    for (const cm of rendered.objects.filter((o) => o.kind === "ConfigMap")) expect(JSON.stringify(cm)).not.toContain("OBIdentityRetriever");
    const shown = secretFiles(rendered)[OB_KEY];
    // APISecurity/Global's (the KM admin's) and the file's own.
    expect(textOf(parse(shown), "Password")).toEqual(["[redacted]", "[redacted]"]);
    expect(JSON.stringify(rendered.objects)).not.toContain("fixture-password-1234");
    expect(rendered.files["bin/start.sh"]).toContain('install_file "$secret_files" finance/open-banking.xml');
    const volume = objectOf(rendered, "StatefulSet", "obkm-km").spec.template.spec.volumes.find((v: any) => v.name === "secret-files");
    expect(volume.secret.items).toContainEqual({ key: OB_KEY, path: "conf/finance/open-banking.xml" });
  });

  it("has the node check at start that the keystore holds both aliases as keys", () => {
    const sandbox = planOf([`configTemplates=${pack}`, "keystores.signing.kid=k1", "keystores.sandboxSigning.alias=ob-sandbox"]);
    const script = (sandbox.nodeFilesConfigMap.data as Record<string, string>)["bin__start.sh"];
    const keystore = `"$keys_dir/secret/obkm-signing-keystore/keystore.p12" PKCS12 "$keys_dir/secret/obkm-signing-keystore/password"`;
    expect(script).toContain(`require_key ${keystore} 'ob-signing' signing`);
    expect(script).toContain(`require_key ${keystore} 'ob-sandbox' signing`);
    const deployed = sandbox.secrets(SOME_CREDENTIALS).secretNodeFiles.find((f) => f.path === "finance/open-banking.xml")!;
    expect(textOf(parse(deployed.content), "SandboxSigningCertificateAlias")).toEqual(["ob-sandbox"]);
  });

  it("is refused without a key id, naming the key, before anything is created", () => {
    expect(() => planOf([`configTemplates=${pack}`, "keystores.signing.kid="])).toThrow(
      'obkm:keystores.signing.kid: is empty on stack "prod"; expected the key id of the signing certificate, which the nodes\' finance/open-banking.xml names (SigningCertificateKid)',
    );
  });
});

describe("without open-banking.xml among the templates (the project's own set)", () => {
  it("has the node write the signing elements into the image's own file at its start, and warns of nothing", () => {
    const { plan, warnings } = plannedOf(["keystores.signing.kid=k1"]);
    expect(plan.secrets(SOME_CREDENTIALS).secretNodeFiles.map((f) => f.path)).not.toContain("finance/open-banking.xml");
    const editPlan = JSON.parse((plan.nodeFilesConfigMap.data as Record<string, string>)["bin__ob-edit-plan.json"]);
    const openBanking = editPlan.files.find((f: { path: string }) => f.path === "conf/finance/open-banking.xml");
    expect(openBanking.edits).toEqual(
      expect.arrayContaining([
        { kind: "set", path: "/Server/OBIdentityRetriever/Server/SigningCertificateAlias", value: "ob-signing" },
        { kind: "set", path: "/Server/OBIdentityRetriever/Server/SigningCertificateKid", value: "k1" },
      ]),
    );
    expect(warnings).toEqual([]);
  });
});
