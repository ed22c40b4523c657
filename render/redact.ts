// Secret values never reach a render. A value the program marked secret is replaced by the marker where it
// stands, every value of a Kubernetes Secret is, and so is any other place the same text turns up, as it
// is or escaped for XML. The node files that hold passwords stay readable: only the passwords in them go.
import * as pulumi from "@pulumi/pulumi";

/** Safe in YAML (quoted), in XML text and in a shell word, so a redacted file still parses. */
export const REDACTED = "[redacted]";

/** How an object is redacted: a Secret's values go whole; a Secret of node files keeps its text. */
export type Treatment = "plain" | "secret" | "readable-secret";

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

/** Replaces secret-wrapped values by the marker (collecting their text), or only unwraps them. */
function unwrap(value: unknown, secrets: Set<string> | undefined): unknown {
  if (isWrappedSecret(value)) {
    if (!secrets) return unwrap(value.value, undefined);
    collectStrings(value.value, secrets);
    return REDACTED;
  }
  if (Array.isArray(value)) return value.map((v) => unwrap(v, secrets));
  if (value && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, unwrap(v, secrets)]));
  }
  return value;
}

/**
 * A Secret keeps its keys and metadata readable; its values become the marker under stringData, which
 * kubectl accepts (data would need base64).
 */
function redactSecretObject(object: Record<string, unknown>, secrets: Set<string>): Record<string, unknown> {
  const data = (object.data ?? {}) as Record<string, unknown>;
  const stringData = (object.stringData ?? {}) as Record<string, unknown>;
  for (const v of Object.values(data)) {
    if (typeof v === "string") secrets.add(Buffer.from(v, "base64").toString("utf8")).add(v);
  }
  collectStrings(stringData, secrets);
  const keys = [...new Set([...Object.keys(data), ...Object.keys(stringData)])].sort();
  const { data: _data, stringData: _stringData, ...rest } = object;
  return keys.length ? { ...rest, stringData: Object.fromEntries(keys.map((k) => [k, REDACTED])) } : rest;
}

/** The forms a secret takes in a rendered file: as it is, and escaped as XML text or attribute. */
function forms(secret: string): string[] {
  const text = secret.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
  return [secret, text, text.replace(/"/g, "&quot;")];
}

function replaceEverywhere(value: unknown, secrets: string[]): unknown {
  if (typeof value === "string") return secrets.reduce((text, secret) => text.split(secret).join(REDACTED), value);
  if (Array.isArray(value)) return value.map((v) => replaceEverywhere(v, secrets));
  if (value && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, replaceEverywhere(v, secrets)]));
  }
  return value;
}

/** Redacts a whole render at once, so a secret found in one object is hidden in all of them. */
export function redactAll<T>(objects: T[], treatmentOf: (o: T) => Treatment): T[] {
  const secrets = new Set<string>();
  const unwrapped = objects.map((o) => {
    const treatment = treatmentOf(o);
    if (treatment === "readable-secret") return unwrap(o, undefined) as T;
    // A Secret's data is often one secret map: unwrap it whole, then mark each value.
    if (treatment === "secret") return redactSecretObject(unwrap(o, undefined) as Record<string, unknown>, secrets) as T;
    return unwrap(o, secrets) as T;
  });
  const texts = [...new Set([...secrets].filter((s) => s !== "" && s !== REDACTED).flatMap(forms))].sort((a, b) => b.length - a.length);
  return unwrapped.map((o) => replaceEverywhere(o, texts) as T);
}
