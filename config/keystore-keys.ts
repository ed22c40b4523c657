// Config keys of the keys and trust: the three keystores Carbon reads (carbon.xml's KeyStore and
// InternalKeyStore, the HTTPS connector's keystore in catalina-server.xml), each from a Secret the bank
// controls, the CA bundles the truststore adds to the pack's, and the rotation that rolls the nodes onto
// new keys. The pack's own keystore (wso2carbon.jks) is never used: its private key ships in every copy of
// the product.
import { z } from "zod";
import { DATA_KEY_ALLOWED, isConfigMapKey } from "./data-keys";
import { keysPerName, type KeySpec } from "./key-spec";
import * as rules from "./rules";

export const KEYSTORE_ROLES = ["signing", "internal", "tls"] as const;
export type KeystoreRole = (typeof KEYSTORE_ROLES)[number];

export const KEYSTORE_TYPES = ["PKCS12", "JKS"] as const;

/** What each keystore is for and what it falls back to when its Secret is not named. */
const ROLE_TEXT: Record<KeystoreRole, { what: string; empty: string }> = {
  signing: {
    what: "the primary keystore (carbon.xml Security/KeyStore), whose key signs ID tokens and Open Banking JWTs",
    empty: "Empty on a dev stack (dev or dev-*): the stack generates a keystore; any other stack must name one",
  },
  internal: {
    what: "the internal keystore (carbon.xml Security/InternalKeyStore), whose key encrypts what Carbon stores in the databases",
    empty:
      "Empty means the signing keystore and its alias. Its key must not change once data is encrypted with it (see docs/open-banking.md, Keys, certificates and trust)",
  },
  tls: {
    what: "the keystore of the nodes' HTTPS connector on 9446 (catalina-server.xml)",
    empty: "Empty means a cert-manager Certificate when keystores.tls.issuer is set, else the signing keystore",
  },
};

/** A Secret's data key, as the API server checks it (config/data-keys.ts). */
const dataKey = () => z.string().refine(isConfigMapKey, `a data key of the Secret: ${DATA_KEY_ALLOWED}`);

/** A keystore alias: Java compares them without case; one without spaces survives every tool. */
const alias = (allowed: string) => rules.emptyOr(z.string().regex(/^[^\s]{1,128}$/), allowed);

/** The fields of each keystore's keys, keys.<role>.<field>. */
function keystoreFields(role: KeystoreRole) {
  const { what, empty } = ROLE_TEXT[role];
  return {
    secret: {
      type: "string",
      default: "",
      description: `Secret in the namespace that holds ${what}. ${empty}.`,
      rule: rules.optionalDnsSubdomain("see the description"),
    },
    alias: {
      type: "string",
      default: "",
      description: `Alias of the key entry in that keystore. Required with keystores.${role}.secret.`,
      rule: alias("empty or a keystore alias of 1 to 128 characters without spaces"),
    },
    type: {
      type: "string",
      default: "PKCS12",
      description: "Format of that keystore: PKCS12 or JKS.",
      rule: rules.oneOf(KEYSTORE_TYPES),
    },
    file: {
      type: "string",
      default: "",
      description:
        "Key of the keystore file in the Secret. Empty means keystore.p12 for PKCS12, keystore.jks for JKS (the names cert-manager writes).",
      rule: rules.emptyOr(dataKey(), `empty or a data key of the Secret: ${DATA_KEY_ALLOWED}`),
    },
    passwordSecret: {
      type: "string",
      default: "",
      description: "Secret that holds the keystore's password (also its key's: Java's PKCS12 has one). Empty means the keystore's own Secret.",
      rule: rules.optionalDnsSubdomain("the keystore's own Secret"),
    },
    passwordKey: {
      type: "string",
      default: "password",
      description: "Key of the password in that Secret; its first line is the password.",
      rule: dataKey(),
    },
  } satisfies Record<string, KeySpec>;
}

export const keystoreKeys = {
  ...keysPerName("keystores", KEYSTORE_ROLES, keystoreFields),
  "keystores.signing.kid": {
    type: "string",
    default: "",
    description:
      "Key id (kid) of the signing certificate, as the OB directory knows it: written to the nodes' Open Banking configuration (docs/open-banking.md). Required on every stack but dev (dev or dev-*), whose generated key no OB directory knows.",
    rule: rules.emptyOr(z.string().regex(/^[\x21-\x7e]{1,256}$/), "empty or a key id of 1 to 256 printable ASCII characters without spaces"),
  },
  "keystores.sandboxSigning.alias": {
    type: "string",
    default: "",
    description: "Alias of the sandbox signing key in the signing keystore for Open Banking's sandbox. Empty means keystores.signing's alias.",
    rule: alias("empty (the signing key's alias) or a keystore alias of 1 to 128 characters without spaces"),
  },
  "keystores.sandboxSigning.kid": {
    type: "string",
    default: "",
    description: "Key id of the sandbox signing certificate for Open Banking. Empty means keystores.signing.kid.",
    rule: rules.emptyOr(z.string().regex(/^[\x21-\x7e]{1,256}$/), "empty or a key id of 1 to 256 printable ASCII characters without spaces"),
  },
  "keystores.tls.issuer": {
    type: "string",
    default: "",
    description:
      "cert-manager issuer of the nodes' HTTPS certificate: the stack creates a Certificate for the public host, the Services and every pod, and cert-manager writes its keystore. Empty: no Certificate.",
    rule: rules.optionalDnsSubdomain("no Certificate"),
  },
  "keystores.tls.issuerKind": {
    type: "string",
    default: "ClusterIssuer",
    description: "Kind of that issuer: ClusterIssuer, or Issuer (in the stack's namespace).",
    rule: rules.oneOf(["ClusterIssuer", "Issuer"]),
  },
  "keystores.trust.caBundles": {
    type: "array",
    items: { type: "string" },
    default: [],
    description:
      "PEM CA bundles the truststore adds to the pack's, each secret:<name>/<key> or configMap:<name>/<key>: the ingress certificate's CA, the API Manager's, the database's, the OB directory's. The nodes' own TLS certificates need none: each start adds the TLS keystore's.",
    rule: rules.listOf(
      `a list of secret:<name>/<key> or configMap:<name>/<key> (a key of ${DATA_KEY_ALLOWED}), such as configMap:bank-ca/ca.crt`,
      (entry) => parseBundleReference(entry) !== undefined,
    ),
  },
  "keystores.trust.databaseCa": {
    type: "string",
    default: "",
    description:
      "PEM CA bundle of the database's TLS certificate, secret:<name>/<key> or configMap:<name>/<key>: trusted by the truststore (MySQL, SQL Server, Oracle drivers) and, for PostgreSQL, given to the driver as sslrootcert. Empty: none.",
    rule: rules.emptyOr(
      z.string().refine((entry) => parseBundleReference(entry) !== undefined),
      `empty, or secret:<name>/<key> or configMap:<name>/<key> (a key of ${DATA_KEY_ALLOWED}), such as secret:bank-db-ca/ca.crt`,
    ),
  },
  "keystores.rotation": {
    type: "string",
    default: "1",
    description:
      "Change it to roll the nodes onto new keys, one at a time: a dev stack's generated keystore and every generated keystore password are made anew, and the nodes re-read the Secrets they name.",
    rule: z.string().min(1, "a non-empty revision, such as 2026-12"),
  },
} satisfies Record<string, KeySpec>;

export interface BundleReference {
  kind: "secret" | "configMap";
  name: string;
  key: string;
}

/** secret:<name>/<key> or configMap:<name>/<key>, with a DNS-subdomain name and a data key. */
export function parseBundleReference(text: string): BundleReference | undefined {
  const match = /^(secret|configMap):([^/]+)\/(.+)$/.exec(text);
  if (!match) return undefined;
  const [, kind, name, key] = match;
  if (!rules.dnsSubdomain().safeParse(name).success || !isConfigMapKey(key)) return undefined;
  return { kind: kind as BundleReference["kind"], name, key };
}
