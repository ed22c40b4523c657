// The edits that point carbon.xml and catalina-server.xml at the mounted keystores (carbon.ts and catalina.ts
// make them with the rest of each file's edits). The files stay in the ConfigMap, so
// they hold no password: each password's place holds a token, and the start script writes the password
// from its mounted Secret over the token when it installs the files (start-steps.ts).
//
// Read in carbon-kernel 4.4.x: KeyStoreManager reads Security/KeyStore (the primary keystore, which signs)
// and Security/InternalKeyStore (the Crypto Service's); getDefaultPrivateKey unlocks the key with the
// store's Password, so KeyPassword must be the same. CarbonServerManager sets javax.net.ssl.trustStore,
// trustStoreType and trustStorePassword from Security/TrustStore, so the JVM's default trust (JDBC drivers,
// HTTP clients) is the truststore named here. Tomcat 7 (the kernel bundles 7.0.x) reads keystoreFile,
// keystorePass, keystoreType (default JKS) and keyAlias (default: the first key entry) on the connector.
import { XmlEdit } from "../../xml/edits";
import type { KeystoreRole } from "../../config/keystore-keys";
import { KeystoreMounts, MountedKeystore } from "./keystores";

/** Where the start script assembles the truststore: the pack's, with the CA bundles added. */
export const TRUSTSTORE_PATH = "repository/resources/security/obkm-truststore.p12";
/** What the pack's carbon.xml names as the truststore: the start script starts from it. */
export const PACK_TRUSTSTORE_ELEMENT = "/Server/Security/TrustStore";

export type PasswordName = KeystoreRole | "truststore";

/** The token standing for a password in the installed files until the start script writes it. */
export const passwordToken = (name: PasswordName) => `@obkm-password:${name}@`;

/** A password the start script writes into an installed file. */
export interface PasswordFill {
  /** Path under repository/conf. */
  file: string;
  token: string;
  /** The mounted file whose first line is the password. */
  passwordFile: string;
}

function keystoreElements(element: string, store: MountedKeystore, token: string): XmlEdit[] {
  const at = `/Server/Security/${element}`;
  return [
    { kind: "set", path: `${at}/Location`, value: store.location },
    { kind: "set", path: `${at}/Type`, value: store.type },
    { kind: "set", path: `${at}/Password`, value: token },
    { kind: "set", path: `${at}/KeyAlias`, value: store.alias },
    { kind: "set", path: `${at}/KeyPassword`, value: token },
  ];
}

export function carbonKeystoreEdits(mounts: KeystoreMounts): XmlEdit[] {
  return [
    ...keystoreElements("KeyStore", mounts.stores.signing, passwordToken("signing")),
    ...keystoreElements("InternalKeyStore", mounts.stores.internal, passwordToken("internal")),
    { kind: "set", path: `${PACK_TRUSTSTORE_ELEMENT}/Location`, value: `\${carbon.home}/${TRUSTSTORE_PATH}` },
    { kind: "set", path: `${PACK_TRUSTSTORE_ELEMENT}/Type`, value: "PKCS12" },
    { kind: "set", path: `${PACK_TRUSTSTORE_ELEMENT}/Password`, value: passwordToken("truststore") },
  ];
}

/** The HTTPS connector (9443 in the file; Carbon adds the offset). */
export function catalinaKeystoreEdits(mounts: KeystoreMounts): XmlEdit[] {
  const connector = "/Server/Service/Connector[@port='9443']";
  const tls = mounts.stores.tls;
  return [
    { kind: "set", path: `${connector}/@keystoreFile`, value: tls.location },
    { kind: "set", path: `${connector}/@keystorePass`, value: passwordToken("tls") },
    { kind: "set", path: `${connector}/@keystoreType`, value: tls.type },
    { kind: "set", path: `${connector}/@keyAlias`, value: tls.alias },
  ];
}
