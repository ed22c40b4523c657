// What a config key is declared with, and the one way to declare a family of keys (a field per datasource,
// per keystore) so that each key keeps its own name and its rule's type: a `Record<string, KeySpec>` would
// make every such key a string, and every value read by one `any` (issue 22).
import type { z } from "zod";

export type DeclaredType = "string" | "integer" | "boolean" | "array";

export interface KeySpec {
  /** The value's type; raw config strings are read as this type before validation. */
  type: DeclaredType;
  /** A Pulumi secret: Pulumi.yaml declares it `secret: true`; its value never leaves the loader in clear. */
  secret?: true;
  /** The element type of an array; Pulumi.yaml declares it as `items`. */
  items?: { type: "string" };
  /** Absent for a required key. An empty string stands for "derived", as the description says. */
  default?: string | number | boolean | string[];
  description: string;
  /** Validates the value read as `type`; its output type (z.output) is the type the loader's checks and the plan see. */
  rule: z.ZodType<unknown, z.ZodTypeDef, unknown>;
}

/** The keys `<prefix>.<field>` of a family, each with its field's spec (and so its rule's output type). */
export type KeysUnder<Prefix extends string, Fields> = { [F in keyof Fields & string as `${Prefix}.${F}`]: Fields[F] };

/**
 * `<prefix>.<name>.<field>` for every name and every field that `fieldsOf(name)` declares, such as
 * database.am.host: one spec per key at run time, and at compile time each key by name with its field's type.
 */
export function keysPerName<Prefix extends string, Name extends string, Fields extends Record<string, KeySpec>>(
  prefix: Prefix,
  names: readonly Name[],
  fieldsOf: (name: Name) => Fields,
): KeysUnder<`${Prefix}.${Name}`, Fields> {
  const entries = names.flatMap((name) => Object.entries(fieldsOf(name)).map(([field, spec]) => [`${prefix}.${name}.${field}`, spec] as const));
  // Object.fromEntries cannot name its keys; the entries above are exactly the mapped type's keys and values.
  return Object.fromEntries(entries) as KeysUnder<`${Prefix}.${Name}`, Fields>;
}
