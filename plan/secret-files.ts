// The files that hold passwords, one step of the plan: filled with the credentials inside an apply (never
// before: the generated ones are known only then), or with a marker in every password's place for a render
// to show. They reach the nodes in the secret-files Secret, never a ConfigMap.
import { DATASOURCE_KEYS } from "../config/database-keys";
import { ObkmConfig } from "../config/load";
import { credentialsShown } from "./credential-members";
import {
  Credentials,
  credentialsSecretManifest,
  credentialsSecretMetadata,
  fillSecrets,
  SecretFiles,
  secretFilesSecret,
  secretFilesSecretMetadata,
} from "./credentials";
import { Names } from "./names";
import type { NodeFile } from "./node-files";
import type { OpenBankingStart } from "./open-banking-start";
import type { SecretManifest, SecretMetadata } from "./types";

export interface SecretFilesStep {
  /** What holds the credentials, rendered from their plain values; run inside an apply. */
  secrets(credentials: Credentials): { secretFiles: SecretFiles; credentialsSecret: SecretManifest; secretNodeFiles: NodeFile[] };
  /** The secret files' Secret data with `marker` in every password's place: what a render shows of it. */
  secretFilesShown(marker: string): Record<string, string>;
  /** The two Secrets' names and labels, known before any password is. */
  secretMetadata: { credentialsSecret: SecretMetadata; secretFiles: SecretMetadata };
}

export function secretFilesStep(
  config: ObkmConfig,
  n: Names,
  labels: Record<string, string>,
  secretFiles: readonly NodeFile[],
  atStart: OpenBankingStart | undefined,
): SecretFilesStep {
  return {
    secretMetadata: { credentialsSecret: credentialsSecretMetadata(n, labels), secretFiles: secretFilesSecretMetadata(n, labels) },
    secrets: (credentials) => {
      const files = fillSecrets(secretFiles, credentials);
      const credentialsSecret = credentialsSecretManifest(config, n, labels, credentials);
      const stored = credentialsSecret.stringData as Record<string, string>;
      // The passwords the OB editor writes at a node's start, from the credentials Secret's own keys.
      const editorPasswords = Object.fromEntries((atStart?.slots ?? []).map((slot) => [slot, stored[slot]]));
      return {
        secretNodeFiles: files,
        secretFiles: secretFilesSecret(n, labels, files, credentials.revisionKey, editorPasswords),
        credentialsSecret,
      };
    },
    secretFilesShown: (marker) => {
      const marked = {
        datasourcePasswords: Object.fromEntries(DATASOURCE_KEYS.map((d) => [d, marker])) as Credentials["datasourcePasswords"],
        adminPassword: marker,
        ldapBindPassword: marker,
      };
      // Every credential the files hold too, not only those the program fills: the user's own copies hold
      // credentials of their own (open-banking.xml's APISecurity and BI servers', ccportal's keystore's,
      // consentmgt's authCredential), each hidden where it stands, or shown marked at its published default.
      const files = fillSecrets(secretFiles, { ...marked, revisionKey: "" }).map((f) => ({
        ...f,
        content: credentialsShown(f.path, f.content, marker),
      }));
      return secretFilesSecret(n, labels, files, "").manifest.stringData as Record<string, string>;
    },
  };
}
