// Secret values never reach a render, and redaction changes nothing else: each secret is hidden where it
// stands, by structure. A value the program marked secret (pulumi.secret) becomes the marker in its place;
// every value of a Kubernetes Secret does; and the Secret of the node files that hold passwords shows the
// files as the plan renders them with the marker in each password's place (plan.secretFilesShown), so
// the rest of those files stays exactly as the nodes get it. No text is searched and replaced: a short or
// common password ("admin") can neither corrupt other text nor be found by its absence. A check afterwards
// fails the render, naming the object, if a secret value still stands anywhere: that would be our bug.
import * as pulumi from "@pulumi/pulumi";
import { escapeText } from "../xml/edits";
import { REDACTED, UNKNOWN_IN_PREVIEW } from "./redaction-marker";

export { REDACTED, UNKNOWN_IN_PREVIEW };

/** How an object is redacted: a Secret's values go whole; a Secret of node files shows its redacted files. */
export type Treatment = "plain" | "secret" | { readableSecret: Record<string, string> };

/** Secrets shorter than this are not looked for by the leak check: "admin" stands in "/carbon/admin/". */
const LEAK_CHECK_MIN_LENGTH = 8;

const SECRET_SIG = pulumi.runtime.specialSecretSig;
const SIG_KEY = pulumi.runtime.specialSigKey;

function isWrappedSecret(value: unknown): value is { value: unknown } {
  return typeof value === "object" && value !== null && (value as Record<string, unknown>)[SIG_KEY] === SECRET_SIG;
}

function collectStrings(value: unknown, into: Set<string>): void {
  if (typeof value === "string") into.add(value);
  else if (Array.isArray(value)) value.forEach((v) => collectStrings(v, into));
  else if (value && typeof value === "object") Object.values(value).forEach((v) => collectStrings(v, into));
}

/** Replaces secret-wrapped values by the marker where they stand, collecting their text for the leak check. */
function unwrap(value: unknown, secrets: Set<string>): unknown {
  if (isWrappedSecret(value)) {
    collectStrings(value.value, secrets);
    return REDACTED;
  }
  if (Array.isArray(value)) return value.map((v) => unwrap(v, secrets));
  if (value && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, unwrap(v, secrets)]));
  }
  return value;
}

/** A Secret's keys and metadata stay readable; its values become the marker, under stringData (data would need base64). */
function secretValuesHidden(object: Record<string, unknown>, secrets: Set<string>, shown?: Record<string, string>): Record<string, unknown> {
  const data = (object.data ?? {}) as Record<string, unknown>;
  const stringData = (object.stringData ?? {}) as Record<string, unknown>;
  for (const v of Object.values(data)) {
    if (typeof v === "string") secrets.add(Buffer.from(v, "base64").toString("utf8"));
  }
  const { data: _data, stringData: _stringData, ...rest } = object;
  if (shown) return { ...rest, stringData: shown };
  // In a preview, data computed from generated values is unknown as a whole: shown so, not as keys.
  if (object.data === UNKNOWN_IN_PREVIEW || object.stringData === UNKNOWN_IN_PREVIEW) return { ...rest, stringData: UNKNOWN_IN_PREVIEW };
  collectStrings(stringData, secrets);
  const keys = [...new Set([...Object.keys(data), ...Object.keys(stringData)])].sort();
  return keys.length ? { ...rest, stringData: Object.fromEntries(keys.map((k) => [k, REDACTED])) } : rest;
}

/** A Secret's object with its secret wrappers taken off; its values are hidden whole afterwards. */
function secretWrapsRemoved(value: unknown): unknown {
  if (isWrappedSecret(value)) return secretWrapsRemoved(value.value);
  if (Array.isArray(value)) return value.map(secretWrapsRemoved);
  if (value && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, secretWrapsRemoved(v)]));
  }
  return value;
}

/** The forms a secret takes in a rendered file: as it is, and escaped as XML text. */
function forms(secret: string): string[] {
  return [secret, escapeText(secret)];
}

/** The secret a form found in the render stands for. */
export function secretOfForm(form: string, secrets: readonly string[]): string | undefined {
  return secrets.find((secret) => forms(secret).includes(form));
}

function describe(object: unknown): string {
  const o = object as { kind?: string; metadata?: { name?: string } };
  return o.kind ? `${o.kind} ${o.metadata?.name ?? ""}`.trim() : "the stack outputs";
}

/** A secret value found standing in the render; `secret` says which, for the caller to name its key. */
export class LeakError extends Error {
  constructor(
    message: string,
    readonly secret: string,
    readonly where: string,
  ) {
    super(message);
  }
}

/** Redacts a whole render at once, then checks that no secret value it met stands anywhere in it. */
export function redactAll<T>(objects: T[], treatmentOf: (o: T) => Treatment): T[] {
  const secrets = new Set<string>();
  const redacted = objects.map((o) => {
    const treatment = treatmentOf(o);
    if (treatment === "plain") return unwrap(o, secrets) as T;
    const plain = secretWrapsRemoved(o) as Record<string, unknown>;
    if (treatment === "secret") return secretValuesHidden(plain, secrets) as T;
    return secretValuesHidden(plain, secrets, treatment.readableSecret) as T;
  });
  const looked = [...secrets].filter((s) => s.length >= LEAK_CHECK_MIN_LENGTH && s !== REDACTED && s !== UNKNOWN_IN_PREVIEW).flatMap(forms);
  for (const object of redacted) {
    const texts = new Set<string>();
    collectStrings(object, texts);
    for (const text of texts) {
      const found = looked.find((secret) => text.includes(secret));
      if (found !== undefined)
        throw new LeakError(`a secret value stands unredacted in ${describe(object)}; this is a bug of the render`, found, describe(object));
    }
  }
  return redacted;
}
