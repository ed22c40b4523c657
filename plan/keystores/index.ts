// The keystores plan: which keystore each role reads and where it is mounted, what the stack generates (a dev
// stack's signing keystore, the keystore passwords it owns), cert-manager's Certificate, and the revision
// that rolls the nodes when any of it changes. The Keystores component carries it out.
import { createHash } from "crypto";
import { ObkmConfig } from "../../config/load";
import { XmlEditError } from "../../xml/edits";
import { Templates } from "../../xml/templates";
import { CARBON_XML } from "../carbon";
import { CATALINA_SERVER_XML } from "../catalina";
import { Names } from "../names";
import { SecretManifest, SecretMetadata } from "../types";
import { CertificateManifest, nodeCertificate } from "./certificate";
import { PasswordName, passwordToken } from "./keystore-edits";
import { GENERATED_ALIAS, GENERATED_SECRET_DATA, keystoreMounts, KeystoreMounts, Source } from "./keystores";
import { packTruststore } from "./pack-truststore";
import { KEYSTORE_FUNCTIONS, keystoreStartSteps } from "./start-steps";
import { openBankingSigning, OpenBankingSigning } from "../open-banking";
import type { KeystoreSteps } from "../start-script";

/** What the Keystores component generates; the rest comes from Secrets the bank names. */
export interface KeystoreGeneration {
  /** RandomPassword's and the generated key's keepers: a new keystores.rotation makes them anew. */
  keepers: { rotation: string };
  /** A dev stack's signing keystore: a self-signed RSA key, never the pack's sample one. */
  signingKeystore?: { alias: string; commonName: string; dnsNames: string[]; validityHours: number; earlyRenewalHours: number };
  /** The password of the keystore cert-manager writes. */
  tlsKeystorePassword: boolean;
}

/** The generated values, plain, only ever handled inside an apply. */
export interface GeneratedKeystores {
  truststorePassword: string;
  signingKeystore?: { base64: string; password: string };
  tlsKeystorePassword?: string;
}

export interface KeystoresPlan {
  mounts: KeystoreMounts;
  generate: KeystoreGeneration;
  certificate?: CertificateManifest;
  /** Open Banking's signing certificates, which open-banking.ts writes into open-banking.xml. */
  openBanking: OpenBankingSigning;
  startSteps: KeystoreSteps;
  /** The Secret of what the stack generates, from the generated values; run inside an apply. */
  secret(values: GeneratedKeystores): SecretManifest;
  /** That Secret's name and labels, known before any generated value is. */
  secretMetadata: SecretMetadata;
  /** The StatefulSet's own annotations: Reloader rolls the nodes when a Secret or ConfigMap of keys changes in place. */
  statefulSetAnnotations: Record<string, string>;
  /**
   * The pod template's keys revision: changes with the keys config, keystores.rotation and `generatedIdentity`
   * (the generated certificate's id and validity), so any of them rolls the nodes. Nothing secret goes in.
   */
  revision(generatedIdentity: string): string;
}

const YEAR_HOURS = 24 * 365;

export function keystoresPlan(config: ObkmConfig, n: Names, labels: Record<string, string>, templates: Templates): KeystoresPlan {
  const mounts = keystoreMounts(config, n);
  for (const file of [CARBON_XML, CATALINA_SERVER_XML]) {
    const token = (["signing", "internal", "tls", "truststore"] as PasswordName[]).map(passwordToken).find((t) => templates.files[file]?.includes(t));
    if (token) throw new XmlEditError(file, "/", `holds the text ${token}, which the program uses to mark where a keystore password goes`);
  }
  const certificate = nodeCertificate(config, n, labels);
  const dnsNames = [config.hostname, n.serviceDnsName, `*.${n.headlessService}.${n.namespace}.svc.${config.clusterDomain}`];
  const generate: KeystoreGeneration = {
    keepers: { rotation: config.keystores.rotation },
    signingKeystore:
      config.keystores.signing.source === "generated"
        ? { alias: GENERATED_ALIAS, commonName: config.hostname.slice(0, 64), dnsNames, validityHours: YEAR_HOURS, earlyRenewalHours: 30 * 24 }
        : undefined,
    tlsKeystorePassword: certificate !== undefined,
  };
  const openBanking = openBankingSigning(config, mounts.stores.signing.alias);
  // Named "keys" in the hash as it always was: a new name would roll every running cluster once, for nothing.
  const configPart = JSON.stringify({ keys: config.keystores });
  const secretMetadata: SecretMetadata = { name: n.keystores, namespace: n.namespace, labels };
  return {
    mounts,
    generate,
    certificate,
    openBanking,
    startSteps: {
      functions: KEYSTORE_FUNCTIONS,
      steps: keystoreStartSteps(mounts, packTruststore(templates), [openBanking.alias, openBanking.sandbox.alias]),
    },
    secretMetadata,
    secret: (values) => ({
      apiVersion: "v1",
      kind: "Secret",
      metadata: secretMetadata,
      type: "Opaque",
      ...(values.signingKeystore ? { data: { [GENERATED_SECRET_DATA.signingKeystore]: values.signingKeystore.base64 } } : {}),
      stringData: {
        [GENERATED_SECRET_DATA.truststorePassword]: values.truststorePassword,
        ...(values.signingKeystore ? { [GENERATED_SECRET_DATA.signingPassword]: values.signingKeystore.password } : {}),
        ...(values.tlsKeystorePassword ? { [GENERATED_SECRET_DATA.tlsKeystorePassword]: values.tlsKeystorePassword } : {}),
      },
    }),
    statefulSetAnnotations: reloaderAnnotations(mounts, n),
    revision: (generatedIdentity) => createHash("sha256").update(configPart).update("\0").update(generatedIdentity).digest("hex").slice(0, 16),
  };
}

/**
 * Stakater Reloader's annotations: when a Secret or ConfigMap of keys that the stack does not manage changes
 * (cert-manager's renewal, a bank's keystore or CA replaced in place), Reloader changes the pod template and
 * the StatefulSet rolls the nodes one at a time. The stack's own keys Secret is left out: a change to it
 * changes the keys revision, which rolls the nodes already.
 */
function reloaderAnnotations(mounts: KeystoreMounts, n: Names): Record<string, string> {
  const named = (kind: Source["kind"]) =>
    mounts.sources.filter((s) => s.kind === kind && !(kind === "secret" && s.name === n.keystores)).map((s) => s.name);
  const [secrets, configMaps] = [named("secret"), named("configMap")];
  return {
    ...(secrets.length ? { "secret.reloader.stakater.com/reload": secrets.join(",") } : {}),
    ...(configMaps.length ? { "configmap.reloader.stakater.com/reload": configMaps.join(",") } : {}),
  };
}
