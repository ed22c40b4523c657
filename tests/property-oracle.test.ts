// The property run: for every config key, values fast-check makes (tests/bad-input/value-arbitrary.ts: good
// ones, good ones spoiled, bad ones, free text, each kind's edges) go through planStackFromTexts
// (plan-from-config.ts), which the program runs before its first resource, each on one of two stacks
// (tests/bad-input/stack-bases.ts): a dev stack, and a stack of the other kind (config/stack-kinds.json), where
// the rules a dev stack is spared apply. An oracle decides each outcome right or wrong:
//  - never an error that is not the user's (program.ts prints those with a stack trace);
//  - refused: each problem is one line that starts "obkm:", one names the key, each says what is allowed
//    ("expected ..."), and no line shows a secret key's value;
//  - accepted: the family's semantic oracle and the rules of the stack's kind (tests/bad-input/oracles.ts,
//    written from the rule of what reads the value and which stacks config/stack-kinds.json calls dev, not from
//    the program's check) find it right; the plan's objects pass the API server's rules
//    (tests/helpers/k8s-validate.ts, on the objects tests/bad-input/plan-objects.ts builds from the plan,
//    without the mock engine's render); and no secret key's value shows anywhere but in a Secret.
//
// Seed 20261203, fixed: a failure is the same on every run. Budget: at most 25 CPU-seconds for the whole file
// on the project's machine (a plan with its config costs about 8 ms of CPU where the plans before it left
// their files in lib/recent.ts's memories, 19 without; measured 8 to 11 CPU-seconds at load 5 to 9, jest's
// start included): RUNS values per key, five times as many for the keys whose
// rule is a proof (the trusted proxies, the published paths, the driver's parameters), shared between the two
// stacks (the even ones on dev, the odd ones on the other), so the second kind costs no more values.
// OBKM_TEST_PROPERTY_RUNS=<n> sets RUNS for a longer soak (CONTRIBUTING.md, "The property run").
import fc from "fast-check";
import { configKeys, KeySpec, keyNames } from "../config/keys";
import { ConfigError } from "../config/problems";
import { planStackFromTexts, PlannedStack } from "../plan-from-config";
import { PROJECT_DIR } from "../project-dir";
import { TemplateNotFoundError } from "../xml/templates";
import { XmlEditError } from "../xml/edits";
import { KEY_CASES } from "./bad-input/key-families";
import { GENERIC_ONLY, isDevStackName, KEY_ORACLES, oraclesOf, stackKindFaults } from "./bad-input/oracles";
import { externalOf, planObjects } from "./bad-input/plan-objects";
import { valueArbitrary } from "./bad-input/value-arbitrary";
import { DEV_BASE, NON_DEV_BASE, pinned, StackBase } from "./bad-input/stack-bases";
import { cliConfig } from "./helpers/cli-config";
import { validateObjects } from "./helpers/k8s-validate";
import { PROPERTY_RUNS_ENV } from "./helpers/render-server-env";

const SEED = 20261203;
const RUNS = Number(process.env[PROPERTY_RUNS_ENV] ?? 5);
/** The keys whose rule decides safety by a proof rather than a shape: more values each. */
const PROOF_KEYS = ["tomcat.trustedProxies", "tomcat.internalProxies", "ingress.extraPublicPaths", "database.urlParameters"];
const runsOf = (key: string) => (PROOF_KEYS.includes(key) ? 5 * RUNS : RUNS);

const SPECS = configKeys as Record<string, KeySpec>;
const SECRET_KEYS = keyNames.filter((key) => SPECS[key].secret);

type Outcome = { refused: string[]; message: string } | { planned: PlannedStack } | { trace: string };

/** The stacks in the order the values take them: the i-th value of a key on BASES[i % 2]. */
const BASES: readonly StackBase[] = [DEV_BASE, NON_DEV_BASE];

function outcomeOf(base: StackBase, settings: Record<string, string>): Outcome {
  try {
    return { planned: planStackFromTexts(cliConfig({ ...base.settings, ...settings }, base.stack), { stack: base.stack, projectDir: PROJECT_DIR }) };
  } catch (error) {
    if (error instanceof ConfigError) return { refused: error.problems, message: error.message };
    // The plan's other user errors (program.ts isUserError).
    if (error instanceof TemplateNotFoundError || error instanceof XmlEditError) return { refused: [error.message], message: error.message };
    return {
      trace: String((error as Error)?.stack ?? error)
        .split("\n")
        .slice(0, 3)
        .join(" | "),
    };
  }
}

/** Every text of a plan that is not a Secret's: the objects but Secrets, the outputs, the warnings, the secret files as shown. */
function publicText(planned: PlannedStack, objects: Record<string, any>[]): string {
  const { plan } = planned;
  return JSON.stringify([objects.filter((o) => o.kind !== "Secret"), plan.outputs, planned.warnings, plan.secretFilesShown("[shown]")]);
}

/** Each base planned alone, and the texts of its plan that the secrets are told apart from. */
const PLANNED = BASES.map((base) => {
  const outcome = outcomeOf(base, {});
  const planned = "planned" in outcome ? outcome.planned : undefined;
  return { base, outcome, planned, text: planned ? publicText(planned, planObjects(planned)) : "" };
});

/** Forms of a secret a reader would recognise in a text: as given, JSON- and XML-escaped, base64. */
const secretForms = (secret: string, baseText: string) =>
  [secret, JSON.stringify(secret).slice(1, -1), secret.replace(/&/g, "&amp;").replace(/</g, "&lt;"), Buffer.from(secret).toString("base64")].filter(
    (s) => s.length >= 4 && !baseText.includes(s),
  );

/** The settings a value is planned with on a base: the key's good company, on the other kind its own, then the value. */
function settingsOf(key: string, value: string, base: StackBase): Record<string, string> {
  const { goodWith = {}, nonDevWith = {} } = KEY_CASES[key];
  return { ...goodWith, ...(isDevStackName(base.stack) ? {} : nonDevWith), [`obkm:${key}`]: value };
}

function faultsOf(key: string, value: string, on: (typeof PLANNED)[number]): string[] {
  const { family } = KEY_CASES[key];
  const { base } = on;
  const shown = `${JSON.stringify(value)} on stack ${base.stack}`;
  const given = settingsOf(key, value, base);
  const outcome = outcomeOf(base, given);
  const secret = SPECS[key].secret;
  if ("trace" in outcome) return [`${key}=${shown}: not a user's error: ${outcome.trace}`];
  if ("refused" in outcome) {
    const { refused, message } = outcome;
    const faults: string[] = [];
    const bare = key.replace(/\./g, "\\.");
    if (!refused.some((p) => new RegExp(`(^|\\W)(obkm:)?${bare}(\\W|$)`).test(p)))
      faults.push(`${key}=${shown}: refused without naming the key: ${JSON.stringify(refused)}`);
    for (const p of refused) {
      if (!p.startsWith("obkm:")) faults.push(`${key}=${shown}: a problem without the key's namespace: ${p}`);
      if (!/\bexpected\b/.test(p)) faults.push(`${key}=${shown}: a problem that does not say what is allowed: ${p}`);
      if (p.includes("\n")) faults.push(`${key}=${shown}: a problem spans lines: ${JSON.stringify(p)}`);
    }
    if (/\n\s+at /.test(message)) faults.push(`${key}=${shown}: the message holds a stack trace`);
    // eslint-disable-next-line no-control-regex
    if (secret && [value, ...value.split(/[\u0000-\u001f\u007f]/)].some((s) => s.length >= 3 && message.includes(s)))
      faults.push(`${key}: the refusal shows the secret given`);
    return faults;
  }
  const { planned } = outcome;
  const objects = planObjects(planned);
  const accepted = { key, value, family, planned, objects, stack: base.stack, settings: { ...base.settings, ...given } };
  const faults = [
    ...[...oraclesOf(key, family)!, stackKindFaults].flatMap((oracle) => oracle(accepted)).map((f) => `${key}=${shown} was accepted, but ${f}`),
    ...validateObjects(objects, externalOf(objects)).map((p) => `${key}=${shown} was accepted, but its objects break the API server's rules: ${p}`),
  ];
  if (secret && value !== "") {
    const text = publicText(planned, objects);
    if (secretForms(value, on.text).some((form) => text.includes(form))) faults.push(`${key}: the secret value shows outside a Secret`);
  }
  return faults;
}

describe("the property run", () => {
  it("has an oracle for every key: its family kind's, its own, or a place in GENERIC_ONLY with the reason", () => {
    expect(keyNames.filter((key) => oraclesOf(key, KEY_CASES[key].family) === undefined)).toEqual([]);
    const known = new Set<string>(keyNames);
    expect([...Object.keys(KEY_ORACLES), ...Object.keys(GENERIC_ONLY)].filter((key) => !known.has(key))).toEqual([]);
  });

  it("plans the base settings of a dev stack and of the other kind, whose texts the secrets are told apart from", () => {
    expect(PLANNED.map(({ base, outcome }) => [base.stack, isDevStackName(base.stack), Object.keys(outcome)])).toEqual([
      ["dev", true, ["planned"]],
      ["prod", false, ["planned"]],
    ]);
    expect(SECRET_KEYS.length).toBeGreaterThan(0);
  });
});

describe("the oracles", () => {
  // Each catches what it exists for, on values the program refuses: an oracle that says yes to everything would pass the run.
  const caught = (key: string, value: string, on = PLANNED[0], extra: Record<string, string> = {}) => {
    const { family } = KEY_CASES[key];
    const planned = on.planned!;
    const settings = { ...on.base.settings, ...extra, [`obkm:${key}`]: value };
    return [...oraclesOf(key, family)!, stackKindFaults].flatMap((oracle) =>
      oracle({ key, value, family, planned, objects: planObjects(planned), stack: on.base.stack, settings }),
    );
  };
  it.each([
    ["tomcat.trustedProxies", JSON.stringify(["10.0.0.0/8", "192.0.0.8/29"])],
    ["tomcat.trustedProxies", JSON.stringify(["64:ff9b::/96"])],
    ["tomcat.internalProxies", "10\\.\\d+\\.\\d+\\.\\d+|1\\d*\\..*"],
    ["ingress.extraPublicPaths", JSON.stringify(["/carbon/admin"])],
    ["ingress.extraPublicPaths", JSON.stringify(["/t"])],
    ["database.urlParameters", "useSSL=true&autoDeserialize=YES"],
    ["database.urlParameters", "DBName=mysql"],
    ["image", "obkm:latest"],
    ["image", "-bad.example/obkm:1"],
    ["memory", "4.5"],
    ["namePrefix", "1km"],
    ["apim.hostname", "10.1"],
    ["hostAliasIp", "169.254.169.254"],
    ["replicas", "1e1"],
    ["database.am.name", "Performance_Schema"],
  ])("%s: %s is found wrong", (key, value) => {
    expect(caught(key, value)).not.toEqual([]);
  });

  // The rules of the stack's kind: each value right on the dev stack and wrong on the other kind (or, for the
  // database's TLS, wherever its CA is set), with the objects of that stack's base where the rule reads objects.
  const [dev, nonDev] = PLANNED;
  it.each([
    ["database.urlParameters", "useSSL=false", {}],
    ["database.urlParameters", "sslMode=REQUIRED", {}],
    ["database.urlParameters", "verifyServerCertificate=no&useSSL=true", {}],
    ["database.urlParameters", "enabledTLSProtocols=TLSv1.2,TLSv1.1", {}],
    ["cluster.identifier", "", {}],
    ["cluster.context", "", {}],
    ["keystores.signing.kid", "", {}],
    ["acceptBundledTemplates", "false", {}],
    ["networkPolicy.egressCidrs", JSON.stringify(["10.0.0.0/8", "192.0.2.0/24"]), { "obkm:httpProxy.host": "" }],
    ["openBanking.directoryJwks", "true", { "obkm:httpProxy.host": "" }],
  ])("%s: %s is right on dev and found wrong on the other kind", (key, value, extra) => {
    expect(caught(key, value, dev, extra)).toEqual([]);
    expect(caught(key, value, nonDev, extra)).not.toEqual([]);
  });

  it("finds TLS weakened on the dev stack when the database's CA is set", () => {
    expect(caught("database.urlParameters", "useSSL=false", dev, { "obkm:keystores.trust.databaseCa": "secret:db-ca/ca.crt" })).not.toEqual([]);
  });

  it("finds an image run by tag on the other kind, and a single node", () => {
    const withObjects = (objects: Record<string, any>[]) =>
      stackKindFaults({
        key: "image",
        value: "",
        family: KEY_CASES.image.family,
        planned: nonDev.planned!,
        objects,
        stack: "prod",
        settings: nonDev.base.settings,
      });
    const objects = planObjects(nonDev.planned!);
    expect(withObjects(objects)).toEqual([]);
    const km = objects.find((o) => o.kind === "StatefulSet" && o.spec.template.spec.containers.some((c: any) => c.name === "key-manager"))!;
    expect(km.spec.template.spec.containers[0].image).toBe(pinned("r.example/obkm:1.4.0", "1"));
    km.spec.template.spec.containers[0].image = "r.example/obkm:1.4.0";
    km.spec.replicas = 1;
    expect(withObjects(objects)).toEqual([expect.stringContaining("not pinned by digest"), expect.stringContaining("runs 1 node(s)")]);
  });
});

describe.each(keyNames)("%s", (key) => {
  it(`finds no accepted-wrong value, no trace and no leak on a dev stack or another (seed ${SEED})`, () => {
    const values = fc.sample(valueArbitrary(key, KEY_CASES[key].family), { numRuns: runsOf(key), seed: SEED });
    expect(values.flatMap((value, i) => faultsOf(key, value, PLANNED[i % PLANNED.length]))).toEqual([]);
  });
});
