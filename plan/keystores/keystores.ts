// Where each keystore a node reads is, inside the pod: the Secrets and ConfigMaps that hold keystores,
// passwords and CA bundles are mounted read-only under KEYS_MOUNT_DIR, each once, in a directory of its
// name, with only the keys the node needs. Carbon's files point straight at those paths; the passwords are
// written into them at start, and the truststore is assembled at start (start-steps.ts).
import type { BundleReference } from "../../config/keystore-keys";
import type { KeystoreRole } from "../../config/keystore-keys";
import type { KeystoreSource, KeystoreType, SuppliedKeystore } from "../../config/keystores";
import { ObkmConfig } from "../../config/load";
import { Names } from "../names";
import { KEYS_MOUNT_DIR } from "../pod-layout";
import type * as k8s from "@pulumi/kubernetes";

/** The keys of the Secret of what the stack generates (names.keystores). */
export const GENERATED_SECRET_DATA = {
  signingKeystore: "signing-keystore.p12",
  signingPassword: "signing-keystore-password",
  truststorePassword: "truststore-password",
  tlsKeystorePassword: "tls-keystore-password",
} as const;

/** The alias of a dev stack's generated signing key. Java keeps keystore aliases in lower case. */
export const GENERATED_ALIAS = "obkm-signing";

/** A keystore as a node reads it: its file and its password's file, both in mounted volumes. */
export interface MountedKeystore {
  type: KeystoreType;
  alias: string;
  location: string;
  passwordFile: string;
}

export interface MountedBundle {
  /** Names the certificates the bundle adds to the truststore: `<kind>-<name>-<key>`. */
  label: string;
  file: string;
}

export interface KeystoreMounts {
  stores: Record<KeystoreRole, MountedKeystore>;
  truststorePasswordFile: string;
  bundles: MountedBundle[];
  /** Every Secret and ConfigMap mounted, in the order of the volumes. */
  sources: Source[];
  volumes: k8s.types.input.core.v1.Volume[];
  volumeMounts: k8s.types.input.core.v1.VolumeMount[];
}

export type Source = { kind: "secret" | "configMap"; name: string };

/** The mount path of a key of a Secret or ConfigMap. */
const pathOf = (source: Source, key: string) => `${KEYS_MOUNT_DIR}/${source.kind.toLowerCase()}/${source.name}/${key}`;

/** Where a node sees a CA bundle the stack names. */
export const bundlePath = (b: BundleReference) => pathOf({ kind: b.kind, name: b.name }, b.key);

/** The keystore each role reads, as the Secrets that hold it. */
function keystoreIn(source: KeystoreSource, n: Names): SuppliedKeystore {
  switch (source.source) {
    case "secret":
      return source;
    case "generated":
      return {
        source: "secret",
        secret: n.keystores,
        file: GENERATED_SECRET_DATA.signingKeystore,
        type: "PKCS12",
        alias: GENERATED_ALIAS,
        password: { secret: n.keystores, key: GENERATED_SECRET_DATA.signingPassword },
      };
    case "cert-manager":
      // cert-manager writes keystore.jks into the Certificate's Secret, under the password and the alias we
      // give it (certificate.ts).
      return {
        source: "secret",
        secret: n.nodeCertificate,
        file: "keystore.jks",
        type: "JKS",
        alias: CERT_MANAGER_ALIAS,
        password: { secret: n.keystores, key: GENERATED_SECRET_DATA.tlsKeystorePassword },
      };
  }
}

/**
 * The alias of the key in the keystore cert-manager writes. Its JKS keystore takes an alias (keystores.jks.alias,
 * cert-manager 1.15 on); its PKCS#12 one sets no friendlyName (go-pkcs12's Encode), so Java would call the key
 * "1". JKS also opens in every Java 8, where a Modern2023 PKCS#12 does not before 8u301.
 */
export const CERT_MANAGER_ALIAS = "obkm-tls";

export function keystoreMounts(config: ObkmConfig, n: Names): KeystoreMounts {
  const wanted = new Map<string, { source: Source; keys: Set<string> }>();
  const use = (source: Source, key: string) => {
    const id = `${source.kind}/${source.name}`;
    const entry = wanted.get(id) ?? { source, keys: new Set<string>() };
    entry.keys.add(key);
    wanted.set(id, entry);
    return pathOf(source, key);
  };
  const mount = (store: SuppliedKeystore): MountedKeystore => ({
    type: store.type,
    alias: store.alias,
    location: use({ kind: "secret", name: store.secret }, store.file),
    passwordFile: use({ kind: "secret", name: store.password.secret }, store.password.key),
  });
  const stores = {
    signing: mount(keystoreIn(config.keystores.signing, n)),
    internal: mount(keystoreIn(config.keystores.internal, n)),
    tls: mount(keystoreIn(config.keystores.tls, n)),
  };
  const truststorePasswordFile = use({ kind: "secret", name: n.keystores }, GENERATED_SECRET_DATA.truststorePassword);
  const { caBundles, databaseCa } = config.keystores.trust;
  // Once each: the database's CA is often one of the bundles too.
  const named = new Map(
    [...caBundles, ...(databaseCa ? [databaseCa] : [])].map((b): [string, BundleReference] => [`${b.kind.toLowerCase()}-${b.name}-${b.key}`, b]),
  );
  const bundles = [...named].map(([label, b]) => ({ label, file: use({ kind: b.kind, name: b.name }, b.key) }));

  // Sorted, so that the order config lists things in does not change the pod template.
  const sources = [...wanted.values()].sort((a, b) => `${a.source.kind}/${a.source.name}`.localeCompare(`${b.source.kind}/${b.source.name}`));
  const volumeName = (i: number) => `keys-${i}`;
  return {
    stores,
    truststorePasswordFile,
    bundles,
    sources: sources.map(({ source }) => source),
    volumes: sources.map(({ source, keys }, i) => {
      const items = [...keys].sort().map((key) => ({ key, path: key }));
      // Readable by the KM's group (fsGroup) only.
      return source.kind === "secret"
        ? { name: volumeName(i), secret: { secretName: source.name, items, defaultMode: 0o440 } }
        : { name: volumeName(i), configMap: { name: source.name, items, defaultMode: 0o440 } };
    }),
    volumeMounts: sources.map(({ source }, i) => ({
      name: volumeName(i),
      mountPath: `${KEYS_MOUNT_DIR}/${source.kind.toLowerCase()}/${source.name}`,
      readOnly: true,
    })),
  };
}
