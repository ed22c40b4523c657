// Moves a stack file from flat dotted keys (`obkm:caching.scenario: "1"`), which the Pulumi CLI never finds
// for the declared path, to the maps it looks in (`obkm:caching: {scenario: 1}`), each value in its declared
// type: "3" becomes 3, "false" false, and a comma-separated list a YAML list. Encrypted values move as they
// are (their ciphertext does not depend on the key). Comments stay with the keys they stood above.
import * as YAML from "yaml";
import { configKeys, KeySpec } from "../config/keys";
import { CONFIG_NAMESPACE } from "../config/problems";
import { readAs, RENAMED_GROUPS } from "../config/read";

const SPECS = configKeys as Record<string, KeySpec>;

export interface Migration {
  text: string;
  /** The flat keys moved, as they stood. */
  moved: string[];
}

export class MigrationError extends Error {}

/**
 * A flat string value in its declared type, as the loader reads one; a list was a comma-separated string in
 * the flat layout. Anything else (an encrypted map, a value already typed) stays as it is.
 */
function typed(spec: KeySpec, value: unknown): unknown {
  if (typeof value !== "string") return value;
  if (spec.type !== "array") return readAs(spec, value);
  return value
    .split(",")
    .map((item) => item.trim())
    .filter((item) => item !== "");
}

export function migrateStackFile(text: string, fileName: string): Migration {
  const doc = YAML.parseDocument(text);
  if (doc.errors.length > 0) throw new MigrationError(`${fileName}: ${doc.errors[0].message.split("\n")[0]}`);
  const config = doc.get("config", true);
  if (!YAML.isMap(config)) return { text, moved: [] };
  const moved: string[] = [];
  // A renamed group (config/read.ts RENAMED_GROUPS) moves to its new name first, map or flat keys alike,
  // its comments with it; its keys then move into their maps as any other.
  const prefix = `${CONFIG_NAMESPACE}:`;
  const keyOf = (pair: YAML.Pair) => String(YAML.isScalar(pair.key) ? pair.key.value : pair.key);
  for (const pair of config.items) {
    const key = keyOf(pair);
    const [group, ...rest] = key.startsWith(prefix) ? key.slice(prefix.length).split(".") : [""];
    const renamed = RENAMED_GROUPS[group];
    if (!renamed) continue;
    const now = `${prefix}${[renamed, ...rest].join(".")}`;
    if (config.items.some((p) => keyOf(p) === now))
      throw new MigrationError(`${fileName}: ${key} and ${now} are both set; keep ${now}, then migrate`);
    const renamedKey = doc.createNode(now) as YAML.Scalar;
    if (YAML.isNode(pair.key) && pair.key.commentBefore) renamedKey.commentBefore = pair.key.commentBefore;
    pair.key = renamedKey;
    moved.push(key);
  }
  const kept: YAML.Pair[] = [];
  const groups = new Map<string, YAML.YAMLMap>();
  for (const pair of config.items) {
    const key = keyOf(pair);
    const name = key.startsWith(prefix) ? key.slice(prefix.length) : "";
    if (!name.includes(".")) {
      kept.push(pair);
      continue;
    }
    const spec = SPECS[name];
    if (!spec) throw new MigrationError(`${fileName}: ${key} is not a key of this project; fix or remove it, then migrate`);
    const [group, ...path] = name.split(".");
    const groupKey = `${prefix}${group}`;
    let target = groups.get(groupKey);
    if (!target) {
      const existing = config.get(groupKey, true);
      if (existing !== undefined && !YAML.isMap(existing)) throw new MigrationError(`${fileName}: ${groupKey} is set and is not a map`);
      target = (existing as YAML.YAMLMap | undefined) ?? new YAML.YAMLMap();
      groups.set(groupKey, target);
    }
    let node: YAML.YAMLMap = target;
    for (const step of path.slice(0, -1)) {
      const next: unknown = node.get(step, true);
      if (YAML.isMap(next)) {
        node = next;
      } else {
        const created = new YAML.YAMLMap();
        node.set(step, created);
        node = created;
      }
    }
    const leaf = path[path.length - 1];
    if (node.has(leaf)) throw new MigrationError(`${fileName}: ${key} is set both flat and as the path ${name}; keep one, then migrate`);
    const value = YAML.isScalar(pair.value) || YAML.isSeq(pair.value) ? typed(spec, (pair.value as YAML.Node).toJSON()) : pair.value;
    const newPair = doc.createPair(leaf, value);
    if (YAML.isNode(pair.key) && pair.key.commentBefore) (newPair.key as YAML.Node).commentBefore = pair.key.commentBefore;
    node.items.push(newPair);
    moved.push(key);
  }
  if (moved.length === 0) return { text, moved };
  // Each map stands where its first flat key stood, so the file keeps its reading order.
  const items: YAML.Pair[] = [];
  const placed = new Set<string>();
  for (const pair of config.items) {
    const key = String(YAML.isScalar(pair.key) ? pair.key.value : pair.key);
    const group = key.includes(".") ? key.slice(0, key.indexOf(".")) : key;
    if (groups.has(group)) {
      if (placed.has(group)) continue;
      placed.add(group);
      const groupPair = doc.createPair(group, groups.get(group));
      const first = config.items.find((p) => String(YAML.isScalar(p.key) ? p.key.value : p.key) === group) ?? pair;
      if (YAML.isNode(first.key) && first.key.commentBefore) (groupPair.key as YAML.Node).commentBefore = first.key.commentBefore;
      items.push(groupPair);
    } else if (kept.includes(pair)) {
      items.push(pair);
    }
  }
  config.items = items;
  return { text: doc.toString({ lineWidth: 0 }), moved };
}
