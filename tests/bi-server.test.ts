// The KM's calls to the OB BI server (data publishing, TRA, fraud detection): its URLs in open-banking.xml are
// pointed at biServer.host, its ports are let out, and a feature turned on with nowhere to call is refused,
// at render time with the key to set and at a node's start by the editor, with the same sentence. The fixtures
// are ours (tests/fixtures/packs/<spec>/km), written after the element paths of WSO2's OB 1.4 sets.
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { loadMinimal } from "./helpers/cli-config";
import { planOf, SOME_CREDENTIALS } from "./helpers/plan";
import { run } from "../editor/ob-edit";
import type { EditPlan } from "../editor/edit-plan";
import { CALLS } from "../flows/calls";
import {
  BI_CONDITIONS,
  BI_FEATURES,
  biCheckEdits,
  biConditions,
  biProblems,
  biServerEndpoints,
  biServerUrlOrigins,
  DATA_AGENT_AUTH_PORT_OFFSET,
} from "../plan/bi-server";
import { routeEnds } from "../plan/calls/origins";
import { names } from "../plan/names";
import { OPEN_BANKING_XML } from "../plan/open-banking";
import { applyEdits, requireUrlsFailure } from "../xml/edits";
import { elementTexts } from "../xml/read";
import { BUNDLED_TEMPLATES } from "../xml/templates";

const PACKS = path.join(__dirname, "fixtures", "packs");
const fixture = (spec = "uk") => fs.readFileSync(path.join(PACKS, spec, "km/repository/conf", OPEN_BANKING_XML), "utf8");

/** The fixture with a BI switch (by its element path) set to `value`. */
function switched(text: string, switches: Record<string, string>): string {
  let out = text;
  for (const [element, value] of Object.entries(switches)) {
    const [section, name] = element.split("/").slice(-2);
    const pattern = new RegExp(`(<${section}>\\s*<${name}>)false(</${name}>)`);
    expect(out).toMatch(pattern);
    out = out.replace(pattern, `$1${value}$2`);
  }
  return out;
}
const on = (...conditions: Array<keyof typeof BI_FEATURES>) => Object.fromEntries(conditions.map((c) => [BI_FEATURES[c].switch, "true"]));

const BI_HOST = "obbi.bank.internal";
const configOf = (extra: Record<string, string> = {}) => loadMinimal(extra).config;
const withBi = (more: Record<string, string> = {}) => configOf({ "obkm:biServer.host": BI_HOST, ...more });
const BI_URLS = BI_CONDITIONS.flatMap((c) => BI_FEATURES[c].urls);

describe("plan/bi-server.ts", () => {
  it("reads each BI switch from the user's open-banking.xml (true in any case, blanks around it), and without the file follows biServer.host", () => {
    const config = configOf();
    expect(biConditions(config, fixture())).toEqual({ "bi-data-publishing": false, "bi-tra": false, "bi-fraud-detection": false });
    const traOn = switched(fixture(), { [BI_FEATURES["bi-tra"].switch]: " TRUE " });
    expect(biConditions(config, traOn)).toEqual({ "bi-data-publishing": false, "bi-tra": true, "bi-fraud-detection": false });
    expect(biConditions(config, undefined)).toEqual({ "bi-data-publishing": false, "bi-tra": false, "bi-fraud-detection": false });
    expect(biConditions(withBi(), undefined)).toEqual({ "bi-data-publishing": true, "bi-tra": true, "bi-fraud-detection": true });
  });

  it("points WSO2's BI URLs at biServer.host on its keys' ports, keeping each path and the data agent's braces", () => {
    const config = withBi({
      "obkm:biServer.dataPublishingPort": "9612",
      "obkm:biServer.receiverPort": "9007",
      "obkm:biServer.invalidSubmissionsPort": "9006",
    });
    const edited = applyEdits(OPEN_BANKING_XML, fixture(), [{ kind: "rewriteUrls", origins: biServerUrlOrigins(config) }]);
    const at = (element: string) => elementTexts(OPEN_BANKING_XML, edited, element);
    expect(at("/Server/BIServer/DataPublishing/ServerURL")).toEqual([`{tcp://${BI_HOST}:9612}`]);
    expect(at("/Server/BIServer/TRA/Receivers/TRAAccountValidationURL")).toEqual([`http://${BI_HOST}:9007/FixtureRiskApp/AccountStream`]);
    expect(at("/Server/BIServer/TRA/Receivers/TRAPaymentValidationURL")).toEqual([`http://${BI_HOST}:9007/FixtureRiskApp/PaymentStream`]);
    expect(at("/Server/BIServer/FraudDetection/Receivers/FraudDetectionURL")).toEqual([`http://${BI_HOST}:9007/FixtureFraudApp/Stream`]);
    expect(at("/Server/BIServer/FraudDetection/Receivers/InvalidSubmissionURL")).toEqual([`http://${BI_HOST}:9006/FixtureInvalidApp/Stream`]);
    // Nothing else of the file moves: the gateway's 8243 is not a BI port.
    expect(at("/Server/UK/PaymentAPIURL")).toEqual(["https://obam:8243/fixture-api/{version}/payments/"]);
    // Without biServer.host nothing is pointed anywhere.
    expect(biServerUrlOrigins(configOf())).toEqual([]);
  });

  it("re-points every URL of a data agent's URL set, load-balanced or failover, and leaves a bank's own host in it", () => {
    const config = withBi();
    const source = `<Server><ServerURL>{tcp://obbi:7612,tcp://obbi-worker:7612}|{tcp://bi2.bank.example:7612}</ServerURL></Server>`;
    expect(applyEdits("x.xml", source, [{ kind: "rewriteUrls", origins: biServerUrlOrigins(config) }])).toBe(
      `<Server><ServerURL>{tcp://${BI_HOST}:7612,tcp://${BI_HOST}:7612}|{tcp://bi2.bank.example:7612}</ServerURL></Server>`,
    );
  });

  it("lets out, from the call map's rows to the BI server, the ports of the features that are on, the data agent's login port with them", () => {
    const config = withBi();
    const none = { "bi-data-publishing": false, "bi-tra": false, "bi-fraud-detection": false };
    expect(biServerEndpoints(config, none)).toEqual([]);
    const ports = (conditions: Partial<typeof none>) => biServerEndpoints(config, { ...none, ...conditions }).map((e) => `${e.host}:${e.port}`);
    expect(ports({ "bi-data-publishing": true })).toEqual([`${BI_HOST}:7612`, `${BI_HOST}:${7612 + DATA_AGENT_AUTH_PORT_OFFSET}`]);
    expect(ports({ "bi-tra": true })).toEqual([`${BI_HOST}:8007`]);
    expect(ports({ "bi-fraud-detection": true })).toEqual([`${BI_HOST}:8006`, `${BI_HOST}:8007`]);
    // Every BI row of the call map is one of the three features: a new row without ports would let nothing out.
    expect(CALLS.filter((c) => c.route === "bi-server").map((c) => c.when)).toEqual(BI_CONDITIONS);
    expect(biServerEndpoints(configOf(), { ...none, "bi-tra": true })).toEqual([]);
  });

  it("gives the bi-server route its end only when biServer.host names one", () => {
    const config = withBi();
    expect(routeEnds(config, names(config))["bi-server"]).toEqual({ host: BI_HOST, port: 8007, key: "biServer.host" });
    expect(routeEnds(configOf(), names(configOf()))["bi-server"]).toBeUndefined();
  });

  it("refuses a feature turned on with no biServer.host, naming the key, the switch and the URL; a feature left off is never refused", () => {
    const config = configOf();
    expect(biProblems(config, fixture())).toEqual([]);
    const problems = biProblems(config, switched(fixture(), on("bi-tra", "bi-data-publishing")));
    expect(problems).toHaveLength(2);
    expect(problems[0]).toMatch(
      /^obkm:biServer\.host: is empty, but configTemplates' finance\/open-banking\.xml turns the BI server's data publishing on \(BIServer\/DataPublishing\/Enabled\) .*\(\/Server\/BIServer\/DataPublishing\/ServerURL names obbi:7612\)$/,
    );
    expect(problems[1]).toMatch(/TRA.*\(\/Server\/BIServer\/TRA\/Receivers\/TRAAccountValidationURL names obbi:8007\)$/);
    for (const p of problems) expect(p).not.toContain("\n");
  });

  it("accepts a feature on once biServer.host is set and its URLs are pointed there; refuses a URL on a server the NetworkPolicy does not let out", () => {
    const config = withBi();
    const all = switched(fixture(), on(...BI_CONDITIONS));
    const edited = applyEdits(OPEN_BANKING_XML, all, [{ kind: "rewriteUrls", origins: biServerUrlOrigins(config) }]);
    expect(biProblems(config, edited)).toEqual([]);
    // A URL of the bank's own, not biServer.host: the NetworkPolicy would cut it off.
    const elsewhere = edited.replace(`http://${BI_HOST}:8007/FixtureFraudApp`, "http://fraud.bank.example:8007/FixtureFraudApp");
    expect(biProblems(config, elsewhere)).toEqual([
      expect.stringMatching(/^obkm:biServer\.host: is "obbi\.bank\.internal", but .*fraud detection.*names fraud\.bank\.example:8007\)$/),
    ]);
  });

  it("without a NetworkPolicy refuses only WSO2's own hosts, which no bank's network resolves", () => {
    const config = configOf({ "obkm:networkPolicy.enabled": "false" });
    const own = switched(fixture(), on("bi-tra")).replace(/http:\/\/obbi:8007/g, "http://tra.bank.example:8007");
    expect(biProblems(config, own)).toEqual([]);
    expect(biProblems(config, switched(fixture(), on("bi-tra")))).toHaveLength(1);
  });

  it("writes the same refusal as check edits the editor applies at a node's start, after the URLs are pointed", () => {
    const edits = biCheckEdits(configOf());
    expect(edits.map((e) => e.kind)).toEqual(["requireUrls", "requireUrls", "requireUrls"]);
    const tra = edits[1];
    if (tra.kind !== "requireUrls") throw new Error("not a check");
    expect(requireUrlsFailure(OPEN_BANKING_XML, switched(fixture(), on("bi-tra")), tra)).toEqual({
      element: "/Server/BIServer/TRA/Receivers/TRAAccountValidationURL",
      origin: "obbi:8007",
    });
    expect(tra.problem).toMatch(
      /^obkm:biServer\.host: is empty, but the image's finance\/open-banking\.xml turns the BI server's transaction risk analysis \(TRA\) on/,
    );
  });
});

/** A pack's repository/conf as configTemplates names it: the bundled Carbon files and our open-banking.xml fixture. */
function packWith(openBankingXml: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "obkm-bi-pack-"));
  fs.cpSync(BUNDLED_TEMPLATES, dir, { recursive: true });
  fs.mkdirSync(path.join(dir, "finance"), { recursive: true });
  fs.writeFileSync(path.join(dir, OPEN_BANKING_XML), openBankingXml);
  return dir;
}

describe("the BI server, through the plan of a stack whose configTemplates holds open-banking.xml", () => {
  const egressPorts = (sets: string[]) =>
    (
      planOf(sets).networkPolicy as unknown as {
        spec: { egress: Array<{ to?: Array<{ ipBlock?: { cidr: string } }>; ports: Array<{ port: number }> }> };
      }
    ).spec.egress
      .filter((rule) => rule.to?.some((t) => t.ipBlock?.cidr === "10.30.4.0/24"))
      .flatMap((rule) => rule.ports.map((p) => p.port));

  it.each(["uk", "berlin", "au"])("refuses TRA turned on with no biServer.host, before anything is created (%s)", (spec) => {
    const pack = packWith(switched(fixture(spec), on("bi-tra")));
    expect(() => planOf([`configTemplates=${pack}`])).toThrow(/obkm:biServer\.host: is empty, .*TRA.*names obbi:8007/);
  });

  it("with biServer.host, points the URLs there and lets the BI server's ports out through the ranges, past the proxy", () => {
    const pack = packWith(switched(fixture(), on(...BI_CONDITIONS)));
    const sets = [`configTemplates=${pack}`, `biServer.host=${BI_HOST}`];
    const plan = planOf(sets);
    const file = plan.secrets(SOME_CREDENTIALS).secretNodeFiles.find((f) => f.path === OPEN_BANKING_XML)!.content;
    for (const element of BI_URLS) for (const url of elementTexts(OPEN_BANKING_XML, file, element)) expect(url).toContain(`://${BI_HOST}:`);
    expect(egressPorts(sets)).toEqual(expect.arrayContaining([7612, 7712, 8006, 8007]));
    const statefulSet = plan.statefulSet({ credentials: "c", keystores: "k" }) as unknown as {
      spec: { template: { spec: { containers: Array<{ env: Array<{ name: string; value?: string }> }> } } };
    };
    const env = statefulSet.spec.template.spec.containers[0].env;
    expect(env.find((e) => e.name === "OBKM_PROXY_JAVA_OPTS")?.value).toContain(`|${BI_HOST}`);
  });

  it("lets out no BI port while the user's file keeps every feature off, biServer.host or not", () => {
    const pack = packWith(fixture());
    expect(egressPorts([`configTemplates=${pack}`, `biServer.host=${BI_HOST}`])).not.toEqual(expect.arrayContaining([8007]));
  });
});

describe("the editor, at a node's start, over the image's own open-banking.xml", () => {
  /** Runs the editor on an image whose open-banking.xml is `text`, with the open-banking.xml part of the stack's edit plan. */
  function edit(sets: string[], text: string, stack = "prod"): { code: number; stderr: string; out: string } {
    const plan = JSON.parse((planOf(sets, stack).nodeFilesConfigMap.data as Record<string, string>)["bin__ob-edit-plan.json"]) as EditPlan;
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "obkm-bi-editor-"));
    const planFile = path.join(dir, "plan.json");
    fs.writeFileSync(planFile, JSON.stringify({ files: plan.files.filter((f) => f.path === `conf/${OPEN_BANKING_XML}`) }));
    fs.mkdirSync(path.join(dir, "pack/conf/finance"), { recursive: true });
    fs.writeFileSync(path.join(dir, "pack/conf", OPEN_BANKING_XML), text);
    const written: string[] = [];
    const spy = jest.spyOn(process.stderr, "write").mockImplementation((chunk: string | Uint8Array) => (written.push(String(chunk)), true));
    const out = jest.spyOn(process.stdout, "write").mockImplementation(() => true);
    try {
      // The KM admin's password, which APISecurity/Global takes (plan/open-banking.ts), from the credentials Secret.
      const code = run([planFile, path.join(dir, "pack"), path.join(dir, "out")], { OBKM_SECRET_ADMIN_PASSWORD: "admin-pw-1" });
      const edited = path.join(dir, "out/conf", OPEN_BANKING_XML);
      return { code, stderr: written.join(""), out: fs.existsSync(edited) ? fs.readFileSync(edited, "utf8") : "" };
    } finally {
      spy.mockRestore();
      out.mockRestore();
    }
  }

  it("stops the node's start with one line naming the file, the URL's element and the key, when the image turns fraud detection on with no biServer.host", () => {
    const { code, stderr } = edit([], switched(fixture(), on("bi-fraud-detection")));
    expect(code).toBe(1);
    expect(stderr).toMatch(
      /^obkm: conf\/finance\/open-banking\.xml: \/Server\/BIServer\/FraudDetection\/Receivers\/FraudDetectionURL: obkm:biServer\.host: is empty, but the image's finance\/open-banking\.xml turns the BI server's fraud detection on .*\(it names obbi:8007\)\n$/,
    );
  });

  it("edits the image's file with biServer.host, the URLs pointed there, and starts", () => {
    const { code, out } = edit([`biServer.host=${BI_HOST}`], switched(fixture(), on(...BI_CONDITIONS)));
    expect(code).toBe(0);
    expect(elementTexts(OPEN_BANKING_XML, out, "/Server/BIServer/DataPublishing/ServerURL")).toEqual([`{tcp://${BI_HOST}:7612}`]);
  });

  it("starts on the image's file as WSO2 ships it, every feature off, with or without a BI server", () => {
    expect(edit([], fixture()).code).toBe(0);
    expect(edit([`biServer.host=${BI_HOST}`], fixture()).code).toBe(0);
  });
});
