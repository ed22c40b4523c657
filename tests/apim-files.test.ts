// The API Manager's Open Banking files (plan/apim-files.ts), on fixtures of our own
// (tests/fixtures/packs/<spec>/apim/): its open-banking.xml pointed by port and given the KM admin as
// APISecurity/Global, its gateway template's KM URLs pointed at the KM Service, both in a Secret of the API
// Manager's namespace whose data only an apply knows, and what a render shows of it.
import * as path from "path";
import { ConfigError } from "../config/problems";
import { APIM_OPEN_BANKING_XML, APIM_VELOCITY_TEMPLATE } from "../flows/places-apim";
import { API_MANAGER_XML } from "../plan/apim";
import { APIM_FILES_LABEL, APIM_SECRET_FILES, apiManagerFiles, apimMountPath, apimVelocityTemplate } from "../plan/apim-files";
import { publishedDefault } from "../plan/credential-members";
import { names } from "../plan/names";
import { elementTexts } from "../xml/read";
import { APIM_TEMPLATE_SOURCE, readTemplates } from "../xml/templates";
import { apimPackOf } from "./helpers/apim-pack";
import { validateObjects } from "./helpers/k8s-validate-cache";
import { plannedOf } from "./helpers/plan";
import { objectOf, render } from "./helpers/render";
import type { Rendered } from "../render/render";
import { REDACTED } from "../render/redaction-marker";

const MARKER = "[hidden]";

describe("plan/apim-files.ts", () => {
  const conf = apimPackOf("uk");
  const { config, plan } = plannedOf([`apim.configTemplates=${conf}`, "apim.gatewayPort=8443"]);
  const n = names(config);
  const calls = plan.calls.calls;
  const templates = readTemplates(conf, [API_MANAGER_XML], APIM_SECRET_FILES, APIM_TEMPLATE_SOURCE);
  const files = apiManagerFiles(config, n, { team: "km" }, templates, calls)!;
  const file = (p: string) => files.files.find((f) => f.path === p)!.content;
  const obXml = (element: string) => elementTexts(APIM_OPEN_BANKING_XML, file(APIM_OPEN_BANKING_XML), `/Server${element}`);
  const KM = `https://${n.serviceDnsName}:9446`;

  it("renders nothing without apim.namespace, or when the API Manager's templates hold neither file", () => {
    const { config: noApim } = plannedOf([`apim.configTemplates=${conf}`], "dev");
    expect(apiManagerFiles(noApim, names(noApim), {}, templates, calls)).toBeUndefined();
    const bundled = readTemplates(path.dirname(path.join(conf, API_MANAGER_XML)), [API_MANAGER_XML], [], APIM_TEMPLATE_SOURCE);
    expect(apiManagerFiles(config, n, {}, { ...bundled, files: { [API_MANAGER_XML]: bundled.files[API_MANAGER_XML] } }, calls)).toBeUndefined();
  });

  it("points the API Manager's open-banking.xml by port: 8243 at the gateway, 9763 at its services over HTTPS; the BI server's and the unused SCA links stay", () => {
    expect(obXml("/UK/PaymentAPIURL")).toEqual(["https://gw.openbanking.bank.example:8443/fixture-api/{version}/payments/"]);
    expect(obXml("/PayableAccountsRetrieveEndpoint")).toEqual([
      `https://${config.apim.services.host}:${config.apim.services.port}/fixture-backend/uk/payable`,
    ]);
    expect(obXml("/Berlin/SCA/UpdatePSUIdentification")).toEqual(["https://obkm:9446"]);
    expect(obXml("/BIServer/TRA/Receivers/TRAAccountValidationURL")).toEqual(["http://obbi:8007/FixtureRiskApp/AccountStream"]);
    // Berlin's and STET's gateway host and port follow apim.hostname and apim.gatewayPort, as in the KM's copy.
    expect([obXml("/Berlin/Host"), obXml("/Berlin/Port"), obXml("/STET/Port")]).toEqual([["gw.openbanking.bank.example"], ["8443"], ["8443"]]);
  });

  it("names the KM's admin in APISecurity/Global, with the password written only inside the apply, escaped", () => {
    expect(obXml("/APISecurity/Global/Username")).toEqual([config.admin.username]);
    expect(obXml("/APISecurity/Global/Password")).toEqual(["@@obkm-secret:admin-password@@"]);
    const data = files.stringData(`a<b&c`);
    const filled = data["conf__finance__open-banking.xml"];
    expect(elementTexts(APIM_OPEN_BANKING_XML, filled, "/Server/APISecurity/Global/Password")).toEqual(["a<b&c"]);
    expect(filled).toContain("<Password>a&lt;b&amp;c</Password>");
  });

  it("points every KM URL of the gateway's template at the KM Service, keeping the paths", () => {
    const velocity = file(APIM_VELOCITY_TEMPLATE);
    expect(velocity).toContain(`value="${KM}/consent/fixture-uk9/accounts-validation"`);
    expect(velocity).not.toMatch(/obkm:9446|localhost:9446/);
    // The bytes outside the origins are the template's.
    const source = templates.files[APIM_VELOCITY_TEMPLATE];
    expect(velocity.split(KM).join("https://obkm:9446")).toBe(source);
  });

  it("refuses a KM URL on a host it does not know, or on a path the KM Service serves the API Manager none of, naming the key, the file and the line", () => {
    const text = (url: string) => `#if($x)\n<property name="accountValidationUrl"\n value="${url}"/>\n#end\n`;
    const refused = (url: string) => {
      try {
        apimVelocityTemplate(config, n, text(url), calls);
      } catch (error) {
        expect(error).toBeInstanceOf(ConfigError);
        return (error as ConfigError).problems;
      }
      return [];
    };
    expect(refused("https://km.bank.example:9446/consent/x")).toEqual([
      expect.stringMatching(
        /^obkm:apim\.configTemplates: \.\.\/resources\/api_templates\/velocity_template\.xml: line 3: https:\/\/km\.bank\.example:9446\/consent\/x names port 9446/,
      ),
    ]);
    expect(refused("https://obkm:9446/carbon/admin")).toEqual([
      expect.stringMatching(/line 3: https:\/\/obkm:9446\/carbon\/admin: a path the KM Service serves no call/),
    ]);
    expect(refused("https://obkm:9446/consent/x")).toEqual([]);
  });

  it("is a Secret in the API Manager's namespace, named by the plan, each file under its path in the pod's repository/", () => {
    expect(files.metadata).toEqual({
      name: `${config.namePrefix}-apim-key-manager-files`,
      namespace: config.apim.namespace,
      labels: { team: "km", "app.kubernetes.io/component": "api-manager-wiring", [APIM_FILES_LABEL]: "true" },
    });
    expect(files.keys).toEqual(["conf__finance__open-banking.xml", "resources__api_templates__velocity_template.xml"]);
    expect(APIM_SECRET_FILES.map(apimMountPath)).toEqual(["conf/finance/open-banking.xml", "resources/api_templates/velocity_template.xml"]);
    const secret = { apiVersion: "v1", kind: "Secret", metadata: files.metadata, type: "Opaque", stringData: files.stringData("pw-123456789") };
    expect(validateObjects([secret])).toEqual([]);
    expect(plan.outputs.apiManagerSecret).toEqual({ namespace: config.apim.namespace, name: files.metadata.name, keys: files.keys });
  });

  it("shows each credential hidden where it stands, and a value left at the pack's published default marked", () => {
    const shown = files.shown(MARKER);
    const ob = shown["conf__finance__open-banking.xml"];
    expect(elementTexts(APIM_OPEN_BANKING_XML, ob, "/Server/APISecurity/Global/Password")).toEqual([MARKER]);
    expect(elementTexts(APIM_OPEN_BANKING_XML, ob, "/Server/BIServer/DataPublishing/Password")).toEqual([publishedDefault("wso2123")]);
    expect(elementTexts(APIM_OPEN_BANKING_XML, ob, "/Server/BIServer/FraudDetection/Receivers/Password")).toEqual([MARKER]);
    expect(ob).not.toContain("fixture-banks-own-bi-secret");
    const velocity = shown["resources__api_templates__velocity_template.xml"];
    expect(velocity).toContain(`<property name="password" value="${publishedDefault("wso2carbon")}"/>`);
    expect(velocity).toContain(`<property name="password" value="${MARKER}"/>`);
    expect(velocity).not.toContain("fixture-banks-own-keystore-secret");
  });

  it("leaves the bundled api-manager.xml alone in its ConfigMap: without the bank's API Manager files, no Secret and no output", () => {
    const { plan: bundled } = plannedOf([]);
    expect(bundled.apiManagerConfigMap).toBeDefined();
    expect(bundled.apiManagerFiles).toBeUndefined();
    expect(bundled.outputs).not.toHaveProperty("apiManagerSecret");
  });

  it("refuses a template that holds the program's slot text", () => {
    const withSlot = { ...templates, files: { ...templates.files, [APIM_OPEN_BANKING_XML]: "<Server>@@obkm-secret:admin-password@@</Server>" } };
    expect(() => apiManagerFiles(config, n, {}, withSlot, calls)).toThrow(ConfigError);
  });
});

describe("the API Manager's Secret, rendered", () => {
  const conf = apimPackOf("berlin");
  const sets = [`apim.configTemplates=${conf}`, "openBanking.specification=BERLIN"];
  let r: Rendered;
  beforeAll(async () => {
    r = await render(sets, "prod");
  });

  it("shows its files with the KM admin's password hidden, the pack's published defaults marked and the bank's own credentials hidden", () => {
    const { config } = plannedOf(sets);
    const secret = objectOf(r, "Secret", `${config.namePrefix}-apim-key-manager-files`);
    expect(secret.metadata.namespace).toBe(config.apim.namespace);
    const ob = secret.stringData["conf__finance__open-banking.xml"];
    expect(elementTexts(APIM_OPEN_BANKING_XML, ob, "/Server/APISecurity/Global/Password")).toEqual([REDACTED]);
    expect(elementTexts(APIM_OPEN_BANKING_XML, ob, "/Server/BIServer/DataPublishing/Password")).toEqual([publishedDefault("wso2123")]);
    const velocity = secret.stringData["resources__api_templates__velocity_template.xml"];
    expect(velocity).toContain(`value="${REDACTED}"`);
    expect(r.files["manifests.yaml"]).not.toContain("fixture-banks-own");
    // The same files, as the render writes them for review.
    expect(r.files["apim/conf/finance/open-banking.xml"]).toBe(ob);
    expect(r.files["outputs.yaml"]).toContain(`${config.namePrefix}-apim-key-manager-files`);
  });

  it("passes the Kubernetes schema and the API server's rules", () => {
    expect(validateObjects(r.objects.filter((o: any) => o.kind === "Secret" && o.metadata.namespace === "openbanking-apim"))).toEqual([]);
  });
});
