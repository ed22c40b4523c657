// The text of config/settings.generated.ts: the settings planCluster (api.ts) and the KeyManager component
// take, written from config/keys.ts as one named interface per map of the stack file (ObkmSettings,
// CachingSettings, DatabaseAmSettings, ...), each key with its description and default as its doc comment,
// so that a library user's editor shows what docs/configuration.md's table says, and the component
// package's schema (component-package/schema.json) names each map's type. npm run sync-config writes it;
// tests/project-files.test.ts holds the file to this text.
import { z } from "zod";
import { configKeys, ConfigKey, KeySpec, keyNames } from "../config/keys";

export const SETTINGS_FILE = "config/settings.generated.ts";

/** An integer rule over at most this many numbers is typed as an enumeration of them (caching.scenario: 1 to 5). */
const MOST_LITERALS = 10;

/** The rule under its refinements and pipes: the schema whose kind (enum, number) says the value's type. */
function innermost(rule: z.ZodTypeAny): z.ZodTypeAny {
  if (rule instanceof z.ZodEffects) return innermost(rule.innerType());
  if (rule instanceof z.ZodPipeline) return innermost(rule._def.in);
  return rule;
}

/** Words of `text` in lines of at most `width` characters. */
function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  for (const word of text.split(" ")) {
    const last = lines.length - 1;
    if (last >= 0 && lines[last].length + 1 + word.length <= width) lines[last] += ` ${word}`;
    else lines.push(word);
  }
  return lines;
}

function docComment(lines: string[], indent: string): string[] {
  // "*/" inside a description would end the comment early.
  return [`${indent}/**`, ...lines.map((line) => `${indent} * ${line}`.replace(/\*\//g, "*\\/").trimEnd()), `${indent} */`];
}

function keyDoc(key: ConfigKey, spec: KeySpec, indent: string): string[] {
  const lines = wrap(spec.description, 110 - indent.length);
  if (spec.default !== undefined) lines.push(`@default ${JSON.stringify(spec.default)}`);
  else lines.push(`Required (the key obkm:${key} of a stack file).`);
  return docComment(lines, indent);
}

/** The keys under a path, as a tree: a leaf is a key, a branch a map of the stack file. */
interface Branch {
  [name: string]: Branch | ConfigKey;
}

function tree(): Branch {
  const root: Branch = {};
  for (const key of keyNames) {
    const parts = key.split(".");
    let at = root;
    for (const part of parts.slice(0, -1)) at = (at[part] ??= {}) as Branch;
    at[parts[parts.length - 1]] = key;
  }
  return root;
}

/** A branch is required when a key in it is (apim.hostname makes apim required). */
function required(node: Branch | ConfigKey): boolean {
  if (typeof node !== "string") return Object.values(node).some(required);
  const spec: KeySpec = configKeys[node];
  return spec.default === undefined;
}

const pascal = (parts: string[]) => parts.map((part) => part[0].toUpperCase() + part.slice(1)).join("");

/** The name of the interface of a map of the stack file: `database.am` is DatabaseAmSettings. */
export const groupInterfaceName = (path: string[]) => `${pascal(path)}Settings`;

/**
 * A key's values as a named enumeration: an object of the values `as const` and the type of its values,
 * both under one name (`caching.scenario` is CachingScenario). Written so, rather than as an inline union
 * such as `"UK" | "BERLIN"`, because the SDK's schema analysis reads only named enumerations: an inline
 * union of literals throws "Union types are not supported" (@pulumi/pulumi 3.248.0,
 * provider/experimental/analyzer.js, analyzeType and extractEnumMembers, the `as const` object pattern).
 */
function enumeration(key: ConfigKey, values: Array<string | number>): string[] {
  const name = pascal(key.split("."));
  const last = pascal([key.split(".").pop()!]);
  const member = (value: string | number) => {
    const text = typeof value === "number" ? `${last}${value}` : value;
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(text)) throw new Error(`${key}: the value ${JSON.stringify(value)} makes no member name`);
    return text;
  };
  return [
    ...docComment([`The values of obkm:${key}; the key's description, on the field of this type, says what each means.`], ""),
    `export const ${name} = {`,
    ...values.map((value) => `  ${member(value)}: ${JSON.stringify(value)},`),
    "} as const;",
    `export type ${name} = (typeof ${name})[keyof typeof ${name}];`,
    "",
  ];
}

/**
 * The TypeScript type of a key's value, and the enumeration it names if any. Only what the rule itself
 * bounds is narrower than the declared type: an enum's values, a small integer range. A secret is
 * SecretText (config/secret-text.ts), which may come from another resource. A list is a plain `string[]`:
 * the analysis reads an Array, not a ReadonlyArray (analyzer.js getArrayType).
 */
function valueType(key: ConfigKey, spec: KeySpec): { type: string; enumeration?: string[] } {
  const inner = innermost(spec.rule);
  const named = (values: Array<string | number>) => ({ type: pascal(key.split(".")), enumeration: enumeration(key, values) });
  switch (spec.type) {
    case "boolean":
      return { type: "boolean" };
    case "array":
      return { type: "string[]" };
    case "integer": {
      const [min, max] = inner instanceof z.ZodNumber ? [inner.minValue, inner.maxValue] : [null, null];
      if (min === null || max === null || max - min >= MOST_LITERALS) return { type: "number" };
      return named(Array.from({ length: max - min + 1 }, (_, i) => min + i));
    }
    case "string":
      if (spec.secret) return { type: "SecretText" };
      if (inner instanceof z.ZodEnum) return named(inner.options as string[]);
      return { type: "string" };
  }
}

const mapDoc = (path: string[]) => `The map obkm:${path.join(".")} of a stack file (\`pulumi config set --path ${path.join(".")}.<field> ...\`).`;

/** The interface of one map of the stack file (the root is ObkmSettings), then those of the maps inside it. */
function groupInterfaces(branch: Branch, path: string[], enumerations: string[][]): string[] {
  const name = path.length ? groupInterfaceName(path) : "ObkmSettings";
  const nested: string[] = [];
  const body = Object.keys(branch)
    .sort()
    .flatMap((field) => {
      const node = branch[field];
      const optional = required(node) ? "" : "?";
      if (typeof node === "string") {
        const spec: KeySpec = configKeys[node];
        const { type, enumeration } = valueType(node, spec);
        if (enumeration) enumerations.push(enumeration);
        return [...keyDoc(node, spec, "  "), `  ${field}${optional}: ${type};`];
      }
      const map = [...path, field];
      nested.push(...groupInterfaces(node, map, enumerations));
      return [...docComment([mapDoc(map)], "  "), `  ${field}${optional}: ${groupInterfaceName(map)};`];
    });
  const doc = path.length
    ? [mapDoc(path)]
    : [
        "Settings of a Key Manager cluster as planCluster (api.ts) and the KeyManager component take them: a stack",
        "file's `obkm:` keys, with each map of the stack file (`obkm:caching`) a nested object (`{ caching: {",
        "scenario: 2 } }`), one named interface per map. The same rules as a stack's config check every value; a",
        "key left out takes its default.",
      ];
  return [...docComment(doc, ""), `export interface ${name} {`, ...body, "}", "", ...nested];
}

export function settingsInterface(): string {
  const enumerations: string[][] = [];
  const interfaces = groupInterfaces(tree(), [], enumerations);
  return [
    "// Generated by `npm run sync-config` from config/keys.ts (scripts/settings-interface.ts): edit the keys there,",
    "// not this file; tests/project-files.test.ts fails until the two agree.",
    'import type { SecretText } from "./secret-text";',
    "",
    ...interfaces,
    ...enumerations.flat(),
  ]
    .join("\n")
    .replace(/\n+$/, "\n");
}
