// Every bad value of every key is refused before anything is created: planStackFromTexts (plan-from-config.ts), which the
// program runs before its first resource (program.ts planStack, then deploy), throws a user's error whose
// every problem is one line that names the key and says what is allowed, and never shows a secret given for
// a secret key. Each key's family of values (tests/bad-input/key-families.ts) gives a table of edge cases
// and a fast-check arbitrary for many more; good values of each family are accepted, so a value is refused
// for being bad, not for being anything at all. A key without a family fails the first test.
import fc from "fast-check";
import { planStackFromTexts } from "../plan-from-config";
import { configKeys, KeySpec, keyNames } from "../config/keys";
import { loadConfig } from "../config/load";
import { ConfigError } from "../config/problems";
import { PROJECT_DIR } from "../project-dir";
import { TemplateNotFoundError } from "../xml/templates";
import { XmlEditError } from "../xml/edits";
import { KEY_CASES } from "./bad-input/key-families";
import { cliConfig, MINIMAL_SETTINGS } from "./helpers/cli-config";

const SPECS = configKeys as Record<string, KeySpec>;
/** Generated values per key: with about 120 keys, the file stays within a few seconds. */
const RUNS = 4;
const SEED = 20261215;

/** The problems a user is told, or undefined when the settings are accepted. */
function problemsOf(settings: Record<string, string>): { problems: string[]; message: string } | undefined {
  try {
    planStackFromTexts(cliConfig({ ...MINIMAL_SETTINGS, ...settings }), { stack: "dev", projectDir: PROJECT_DIR });
    return undefined;
  } catch (error) {
    if (error instanceof ConfigError) return { problems: error.problems, message: error.message };
    // The plan's other user errors (program.ts isUserError): a template path that holds no templates.
    if (error instanceof TemplateNotFoundError || error instanceof XmlEditError) return { problems: [error.message], message: error.message };
    throw error;
  }
}

/** What is wrong with the refusal of `value` for `key` (at `path`), as lines for a test's failure. */
function faultsOfRefusal(key: string, path: string, value: string): string[] {
  const shown = JSON.stringify(value);
  // A key the base settings give is left out for a value under it, as `pulumi config set --path` cannot put
  // a field under a text.
  const refused = problemsOf({ [`obkm:${key}`]: undefined as unknown as string, [`obkm:${path}`]: value });
  if (!refused) return [`${key}: ${shown} was accepted`];
  const { problems, message } = refused;
  const faults: string[] = [];
  const ownLine = new RegExp(`^(?:obkm:)?${key.replace(/\./g, "\\.")}(?:\\[\\d+\\])?: `);
  const own = problems.filter((p) => ownLine.test(p));
  if (own.length === 0) faults.push(`${key}: ${shown} was refused without naming the key: ${JSON.stringify(problems)}`);
  for (const p of own) {
    if (!p.startsWith("obkm:")) faults.push(`${key}: ${shown}: the problem names the key without its namespace: ${p}`);
    const expected = /\bexpected (.*)$/.exec(p)?.[1];
    if (!expected || /^(?:Expected|Required|Invalid)\b/.test(expected))
      faults.push(`${key}: ${shown}: the problem does not say what is allowed: ${p}`);
  }
  const others = problems.filter((p) => !ownLine.test(p));
  if (others.length > 0) faults.push(`${key}: ${shown} also drew problems of other keys: ${JSON.stringify(others)}`);
  if (problems.some((p) => p.includes("\n")) || message.split("\n").length > problems.length + 1) {
    faults.push(`${key}: ${shown}: a problem spans lines: ${JSON.stringify(message)}`);
  }
  if (/\n\s+at /.test(message)) faults.push(`${key}: ${shown}: the message holds a stack trace`);
  if (SPECS[key]?.secret) {
    // The value and every fragment of it a reader could recognise (the parts between control characters).
    // eslint-disable-next-line no-control-regex
    const fragments = [value, ...value.split(/[\u0000-\u001f\u007f]/)].filter((s) => s.length >= 3);
    if (fragments.some((s) => message.includes(s))) faults.push(`${key}: the refusal shows the secret value given: ${message}`);
  }
  return faults;
}

const isNested = (key: string) => key.includes(".");

/** Bad values every key of a type shares: a control character, the wrong shape. */
function sharedBadValues(key: string): Array<{ path: string; value: string }> {
  const spec = SPECS[key];
  const control = spec.type === "array" ? JSON.stringify(["ok", "Sup3r\u0001Secret"]) : "Sup3r\u0001Secret";
  const shapes = [
    ...(spec.type === "array" ? [] : [{ path: key, value: JSON.stringify(["a", "b"]) }]),
    // A map where a value belongs, as `pulumi config set --path KEY.x 1` makes one; a top-level key's map
    // reaches the program as JSON text, which a free-text key may legitimately hold.
    ...(isNested(key) || !KEY_CASES[key]?.family.anyText ? [{ path: `${key}.x`, value: "1" }] : []),
  ];
  return [...(spec.type === "string" || spec.type === "array" ? [{ path: key, value: control }] : []), ...shapes].filter(
    // A list given to a free-text key at the top level reaches the program as text.
    (c) => !(c.path === key && c.value.startsWith("[") && spec.type === "string" && !isNested(key) && KEY_CASES[key]?.family.anyText),
  );
}

describe("every config key", () => {
  it("has a family of bad and good values in tests/bad-input/key-families.ts, and no family is left for a key that is gone", () => {
    expect(keyNames.filter((key) => !KEY_CASES[key])).toEqual([]);
    expect(Object.keys(KEY_CASES).filter((key) => !(keyNames as string[]).includes(key))).toEqual([]);
    for (const key of keyNames) {
      expect({ key, bad: KEY_CASES[key].family.bad.length > 0, good: KEY_CASES[key].family.good.length > 0 }).toEqual({ key, bad: true, good: true });
    }
  });
});

describe.each(keyNames.filter((key) => KEY_CASES[key]))("%s", (key) => {
  const { family, goodWith = {} } = KEY_CASES[key];

  it("refuses each known bad value and each of the wrong shape, in one line that names the key and what is allowed", () => {
    const faults = [
      ...family.bad.flatMap((value) => faultsOfRefusal(key, key, value)),
      ...sharedBadValues(key).flatMap(({ path, value }) => faultsOfRefusal(key, path, value)),
    ];
    expect(faults).toEqual([]);
  });

  it("refuses generated bad values the same way", () => {
    fc.assert(
      fc.property(family.badArb, (value) => {
        const faults = faultsOfRefusal(key, key, value);
        if (faults.length > 0) throw new Error(faults.join("\n"));
      }),
      { numRuns: RUNS, seed: SEED },
    );
  });

  it("accepts good values", () => {
    const refused = family.good.flatMap((value) => {
      const settings = { ...MINIMAL_SETTINGS, ...goodWith, [`obkm:${key}`]: value };
      try {
        loadConfig(cliConfig(settings), { stack: "dev", projectDir: PROJECT_DIR });
        return [];
      } catch (error) {
        return [`${JSON.stringify(value)}: ${(error as Error).message}`];
      }
    });
    expect(refused).toEqual([]);
  });
});
