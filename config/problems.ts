// How a bad configuration is reported: every problem at once, each naming the key, the value and what is
// allowed, and no stack trace (index.ts turns this into a pulumi.RunError, render into stderr and exit 1).

export const CONFIG_NAMESPACE = "obkm";

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(
      `the stack configuration has ${problems.length} problem${problems.length === 1 ? "" : "s"}:\n` + problems.map((p) => `  - ${p}`).join("\n"),
    );
    this.name = "ConfigError";
  }
}

export function fullKey(path: ReadonlyArray<string | number>): string {
  return `${CONFIG_NAMESPACE}:${path.map((step, i) => (typeof step === "number" ? `[${step}]` : i === 0 ? step : `.${step}`)).join("")}`;
}

/**
 * A value as a problem shows it, with the user information of any URL in it (scheme://user:password@)
 * hidden: a password typed into a URL is a secret whichever key it was typed into.
 */
export function showValue(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => (typeof v === "string" ? withoutUserInfo(v) : v));
}

export function withoutUserInfo(text: string): string {
  return text.replace(/([A-Za-z][A-Za-z0-9+.-]*:\/\/)[^/?#\s]*@/g, "$1[user information hidden]@");
}

/** The closest known key, for "did you mean"; only when it is a plausible typo. */
export function closestKey(unknown: string, known: readonly string[]): string | undefined {
  let best: { key: string; distance: number } | undefined;
  for (const key of known) {
    const distance = editDistance(unknown.toLowerCase(), key.toLowerCase());
    if (!best || distance < best.distance) best = { key, distance };
  }
  return best && best.distance <= Math.max(2, Math.floor(unknown.length / 4)) ? best.key : undefined;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length];
}
