// The keys settings: the typed keys config, and the checks that need several keys. Only a dev stack may
// run on keys it generated; every other stack names the Secret of its signing keystore.
import { KEYSTORE_ROLES, KeystoreRole, parseBundleReference } from "./keystore-keys";
import { KeysConfig, SuppliedKeystore } from "./keystores";
import { Failed, Parsed } from "./parsed";
import { fullKey, showValue } from "./problems";
import { isDevStack } from "./stacks";

function supplied(parsed: Parsed, role: KeystoreRole): SuppliedKeystore | undefined {
  const secret = parsed[`keys.${role}.secret`];
  if (!secret) return undefined;
  const type = parsed[`keys.${role}.type`];
  return {
    source: "secret",
    secret,
    file: parsed[`keys.${role}.file`] || (type === "JKS" ? "keystore.jks" : "keystore.p12"),
    type,
    alias: parsed[`keys.${role}.alias`],
    password: { secret: parsed[`keys.${role}.passwordSecret`] || secret, key: parsed[`keys.${role}.passwordKey`] },
  };
}

export function keysConfig(parsed: Parsed): KeysConfig {
  const signing = supplied(parsed, "signing") ?? { source: "generated" as const };
  const issuer = parsed["keys.tls.issuer"];
  return {
    signing,
    internal: supplied(parsed, "internal") ?? signing,
    tls: supplied(parsed, "tls") ?? (issuer ? { source: "cert-manager", issuer: { name: issuer, kind: parsed["keys.tls.issuerKind"] } } : signing),
    openBanking: {
      kid: parsed["keys.signing.kid"] || undefined,
      sandbox: { alias: parsed["keys.sandboxSigning.alias"] || undefined, kid: parsed["keys.sandboxSigning.kid"] || undefined },
    },
    trust: {
      caBundles: parsed["keys.trust.caBundles"].map((entry) => parseBundleReference(entry)!),
      databaseCa: parsed["keys.trust.databaseCa"] ? parseBundleReference(parsed["keys.trust.databaseCa"]) : undefined,
    },
    rotation: parsed["keys.rotation"],
  };
}

export function keystoreProblems(parsed: Parsed, failed: Failed, stack: string): string[] {
  const problems: string[] = [];
  if (!failed("keys.signing.secret") && !parsed["keys.signing.secret"] && !isDevStack(stack)) {
    problems.push(
      `${fullKey(["keys.signing.secret"])}: is empty on stack ${showValue(stack)}; expected the name of the Secret that holds the signing keystore, because only a dev stack (dev or dev-*) may sign with keys it generated`,
    );
  }
  if (!failed("keys.signing.kid") && !parsed["keys.signing.kid"] && !isDevStack(stack)) {
    problems.push(
      `${fullKey(["keys.signing.kid"])}: is empty on stack ${showValue(stack)}; expected the key id of the signing certificate, which the nodes' finance/open-banking.xml names (SigningCertificateKid) and the OB directory knows`,
    );
  }
  for (const role of KEYSTORE_ROLES) {
    const secretKey = `keys.${role}.secret` as const;
    const aliasKey = `keys.${role}.alias` as const;
    if (!failed(secretKey, aliasKey) && parsed[secretKey] && !parsed[aliasKey]) {
      problems.push(
        `${fullKey([aliasKey])}: is empty with ${fullKey([secretKey])} ${showValue(parsed[secretKey])}; expected the alias of the key entry in that keystore`,
      );
    }
  }
  if (!failed("keys.tls.secret", "keys.tls.issuer") && parsed["keys.tls.secret"] && parsed["keys.tls.issuer"]) {
    problems.push(
      `${fullKey(["keys.tls.issuer"])}: got ${showValue(parsed["keys.tls.issuer"])} with ${fullKey(["keys.tls.secret"])} ${showValue(parsed["keys.tls.secret"])}; expected one of the two, because both would supply the HTTPS connector's keystore`,
    );
  }
  return problems;
}
