// The property run: for every config key, values fast-check makes (tests/bad-input/value-arbitrary.ts: good
// ones, good ones spoiled, bad ones, free text, each kind's edges) go through planStackFromTexts
// (plan-from-config.ts), which the program runs before its first resource, on a dev stack, and an oracle
// decides each outcome right or wrong:
//  - never an error that is not the user's (program.ts prints those with a stack trace);
//  - refused: each problem is one line that starts "obkm:", one names the key, each says what is allowed
//    ("expected ..."), and no line shows a secret key's value;
//  - accepted: the family's semantic oracle (tests/bad-input/oracles.ts, written from the rule of what reads
//    the value, not from the program's check) finds it right; the plan's objects pass the API server's rules
//    (tests/helpers/k8s-validate.ts, on the objects tests/bad-input/plan-objects.ts builds from the plan,
//    without the mock engine's render); and no secret key's value shows anywhere but in a Secret.
//
// Seed 20261203, fixed: a failure is the same on every run. Budget: at most 25 CPU-seconds for the whole file
// on the project's machine (a plan costs about 20 ms, its validation about 6 ms; measured 12 CPU-seconds at
// load 0.5, 16 at load 12, jest's start included): RUNS values per key, five
// times as many for the keys whose rule is a proof (the trusted proxies, the published paths, the driver's
// parameters). OBKM_TEST_PROPERTY_RUNS=<n> sets RUNS for a longer soak (CONTRIBUTING.md, "The property run").
import fc from "fast-check";
import { configKeys, KeySpec, keyNames } from "../config/keys";
import { ConfigError } from "../config/problems";
import { planStackFromTexts, PlannedStack } from "../plan-from-config";
import { PROJECT_DIR } from "../project-dir";
import { TemplateNotFoundError } from "../xml/templates";
import { XmlEditError } from "../xml/edits";
import { KEY_CASES } from "./bad-input/key-families";
import { GENERIC_ONLY, KEY_ORACLES, oraclesOf } from "./bad-input/oracles";
import { externalOf, planObjects } from "./bad-input/plan-objects";
import { valueArbitrary } from "./bad-input/value-arbitrary";
import { cliConfig, MINIMAL_SETTINGS } from "./helpers/cli-config";
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

function outcomeOf(settings: Record<string, string>): Outcome {
  try {
    return { planned: planStackFromTexts(cliConfig({ ...MINIMAL_SETTINGS, ...settings }), { stack: "dev", projectDir: PROJECT_DIR }) };
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

const BASE = outcomeOf({}) as { planned: PlannedStack };
const BASE_TEXT = publicText(BASE.planned, planObjects(BASE.planned));

/** Forms of a secret a reader would recognise in a text: as given, JSON- and XML-escaped, base64. */
const secretForms = (secret: string) =>
  [secret, JSON.stringify(secret).slice(1, -1), secret.replace(/&/g, "&amp;").replace(/</g, "&lt;"), Buffer.from(secret).toString("base64")].filter(
    (s) => s.length >= 4 && !BASE_TEXT.includes(s),
  );

function faultsOf(key: string, value: string): string[] {
  const { family, goodWith = {} } = KEY_CASES[key];
  const shown = JSON.stringify(value);
  const outcome = outcomeOf({ ...goodWith, [`obkm:${key}`]: value });
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
  const accepted = { key, value, family, planned, objects };
  const faults = [
    ...oraclesOf(key, family)!
      .flatMap((oracle) => oracle(accepted))
      .map((f) => `${key}=${shown} was accepted, but ${f}`),
    ...validateObjects(objects, externalOf(objects)).map((p) => `${key}=${shown} was accepted, but its objects break the API server's rules: ${p}`),
  ];
  if (secret && value !== "") {
    const text = publicText(planned, objects);
    if (secretForms(value).some((form) => text.includes(form))) faults.push(`${key}: the secret value shows outside a Secret`);
  }
  return faults;
}

describe("the property run", () => {
  it("has an oracle for every key: its family kind's, its own, or a place in GENERIC_ONLY with the reason", () => {
    expect(keyNames.filter((key) => oraclesOf(key, KEY_CASES[key].family) === undefined)).toEqual([]);
    const known = new Set<string>(keyNames);
    expect([...Object.keys(KEY_ORACLES), ...Object.keys(GENERIC_ONLY)].filter((key) => !known.has(key))).toEqual([]);
  });

  it("plans the base settings, whose texts the secrets are told apart from", () => {
    expect(Object.keys(BASE)).toEqual(["planned"]);
    expect(SECRET_KEYS.length).toBeGreaterThan(0);
  });
});

describe("the oracles", () => {
  // Each catches what it exists for, on values the program refuses: an oracle that says yes to everything would pass the run.
  const caught = (key: string, value: string) => {
    const { family } = KEY_CASES[key];
    return oraclesOf(key, family)!.flatMap((oracle) => oracle({ key, value, family, planned: BASE.planned, objects: planObjects(BASE.planned) }));
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
});

describe.each(keyNames)("%s", (key) => {
  it(`finds no accepted-wrong value, no trace and no leak (seed ${SEED})`, () => {
    const values = fc.sample(valueArbitrary(key, KEY_CASES[key].family), { numRuns: runsOf(key), seed: SEED });
    expect(values.flatMap((value) => faultsOf(key, value))).toEqual([]);
  });
});
