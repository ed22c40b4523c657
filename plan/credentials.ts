// The credentials and the node files that hold them. Passwords are supplied as Pulumi secrets or generated
// (credentials.ts in components/ makes them); this module only says which are needed and renders, from
// plain values inside an apply, what holds them: the node files master-datasources.xml and user-mgt.xml,
// and a Secret of the passwords for the database's own use. None of it is ever in a ConfigMap.
import { createHmac } from "crypto";
import { posix } from "path";
import { DATASOURCE_KEYS, DatasourceKey } from "../config/database-keys";
import { ObkmConfig } from "../config/load";
import { escapeText, XmlEdit, XmlEditError } from "../xml/edits";
import { renderTemplate, Templates } from "../xml/templates";
import { datasourceEdits, DatasourceEndpoint, MASTER_DATASOURCES_XML, OPEN_BANKING_DATASOURCES_XML } from "./database/datasources";
import { Names } from "./names";
import { NodeFile } from "./node-files";
import { configMapKey, NODE_FILES_LABEL } from "./node-files-configmap";
import { SecretManifest, SecretMetadata, KeyToPath } from "./types";
import { USER_MGT_XML, userStoreEdits } from "./user-store";
import { CONF_DIR } from "./pod-layout";

/** Plain values, only ever handled inside an apply. */
export interface Credentials {
  datasourcePasswords: Record<DatasourceKey, string>;
  adminPassword: string;
  ldapBindPassword?: string;
  /** The provisioned database's administrator (its superuser), when there is one. */
  databaseRootPassword?: string;
  /** Keys the revision hash, so the hash in the pod template says nothing about the passwords. */
  revisionKey: string;
}

/** Where a secret goes in the secret files until the apply fills it in: a token that no pack file holds. */
const slot = (name: string) => `@@obkm-secret:${name}@@`;

/**
 * The secret files are rendered when the plan is made, with a slot where each password goes: the edits are
 * applied to the pack's files then, so a template that lacks a file or an element fails with the file and
 * the path before anything is registered, not inside an apply half-way through a deployment. Inside the
 * apply, fillSecrets writes each password, escaped, into its slot.
 */
const SLOTS = {
  datasourcePasswords: Object.fromEntries(DATASOURCE_KEYS.map((d) => [d, slot(`${d}-password`)])) as Record<DatasourceKey, string>,
  adminPassword: slot("admin-password"),
  ldapBindPassword: slot("ldap-bind-password"),
};

/** Which credentials the program generates, and how: the decisions the DatabaseCredentials component carries out. */
export interface CredentialPlan {
  /** RandomPassword's keepers: a new credentialRotation generates every generated password anew. */
  keepers: { rotation: string };
  /** The passwords config does not supply. */
  generate: { database: boolean; admin: boolean; databaseRoot: boolean };
  /**
   * RandomPassword's arguments. No quote, backslash, '$', '&' or '<': a generated password stays easy to
   * pass through a shell or a URL; supplied ones may hold anything and are escaped where they are written.
   */
  recipe: { length: number; special: boolean; overrideSpecial: string; minLower: number; minUpper: number; minNumeric: number };
  /**
   * The admin password's: the recipe at the longest length the user store's PasswordJavaRegEx accepts
   * (user-store-patterns.ts): 30 under the pack's ^[\S]{5,30}$.
   */
  adminRecipe: CredentialPlan["recipe"];
}

/** `adminLength`: what user-store-patterns.ts found the store's password rule accepts. */
export function credentialPlan(config: ObkmConfig, adminLength: number = RECIPE.length): CredentialPlan {
  return {
    keepers: { rotation: config.credentialRotation },
    generate: {
      database: config.database.inUse.some((d) => config.database.datasources[d].password === "generated"),
      admin: config.admin.passwordGenerated,
      // The provisioned server's own administrator: MySQL's root, PostgreSQL's postgres; never the KM's user.
      databaseRoot: config.database.provision !== undefined,
    },
    recipe: RECIPE,
    adminRecipe: { ...RECIPE, length: adminLength },
  };
}

export const RECIPE: CredentialPlan["recipe"] = { length: 32, special: true, overrideSpecial: "!#%*+-=_.:", minLower: 2, minUpper: 2, minNumeric: 2 };

/** The files that hold passwords, with a slot for each password (see SLOTS). */
export function secretFileTemplates(config: ObkmConfig, endpoints: Record<DatasourceKey, DatasourceEndpoint>, templates: Templates): NodeFile[] {
  for (const file of SECRET_FILES_PATHS) {
    const found = Object.values(SLOTS)
      .flatMap((s) => (typeof s === "string" ? [s] : Object.values(s)))
      .find((s) => templates.files[file]?.includes(s));
    if (found) throw new XmlEditError(file, "/", `holds the text ${found}, which the program uses to mark where a password goes`);
  }
  return [
    renderTemplate(templates, MASTER_DATASOURCES_XML, datasourceEdits(config, "master", endpoints, SLOTS.datasourcePasswords)),
    renderTemplate(templates, USER_MGT_XML, userStoreEdits(config, { adminPassword: SLOTS.adminPassword, ldapBindPassword: SLOTS.ldapBindPassword })),
    // The user's own copy, where configTemplates holds one (open-banking.ts).
    ...(templates.files[OPEN_BANKING_DATASOURCES_XML] !== undefined
      ? [renderTemplate(templates, OPEN_BANKING_DATASOURCES_XML, datasourceEdits(config, "openBanking", endpoints, SLOTS.datasourcePasswords))]
      : []),
  ];
}

/**
 * The OB datasource's edits with its password as a slot: for a node's start, where the editor fills the slot
 * from the credentials Secret (open-banking-start.ts).
 */
export function openBankingDatasourceEdits(config: ObkmConfig, endpoints: Record<DatasourceKey, DatasourceEndpoint>): XmlEdit[] {
  return datasourceEdits(config, "openBanking", endpoints, SLOTS.datasourcePasswords);
}

/** The secret files with each password written, escaped, where its slot stands; run inside an apply. */
export function fillSecrets(files: readonly NodeFile[], credentials: Credentials): NodeFile[] {
  const values: Array<[string, string]> = [
    ...DATASOURCE_KEYS.map((d): [string, string] => [SLOTS.datasourcePasswords[d], credentials.datasourcePasswords[d]]),
    [SLOTS.adminPassword, credentials.adminPassword],
    [SLOTS.ldapBindPassword, credentials.ldapBindPassword ?? ""],
  ];
  return files.map((f) => ({ ...f, content: values.reduce((text, [token, value]) => text.split(token).join(escapeText(value)), f.content) }));
}

/** The files with a password slot; the plan adds the user's open-banking.xml, which holds passwords of its own. */
const SECRET_FILES_PATHS = [MASTER_DATASOURCES_XML, USER_MGT_XML, OPEN_BANKING_DATASOURCES_XML];

export interface SecretFiles {
  manifest: SecretManifest;
  /** Changes whenever a file's content does, and rolls the pods; an HMAC, so it reveals nothing. */
  revision: string;
}

/**
 * `alsoRolls`: the passwords that reach the nodes other than in these files (the OB database's, which the
 * editor writes into the image's file at start, from the credentials Secret): a change to one rolls the
 * nodes all the same.
 */
export function secretFilesSecret(
  n: Names,
  labels: Record<string, string>,
  files: readonly NodeFile[],
  revisionKey: string,
  alsoRolls: Record<string, string> = {},
): SecretFiles {
  const stringData = Object.fromEntries(files.map((f) => [configMapKey(secretMountPath(f.path)), f.content]));
  const revision = createHmac("sha256", revisionKey)
    .update(JSON.stringify([stringData, alsoRolls]))
    .digest("hex")
    .slice(0, 16);
  return {
    revision,
    manifest: {
      apiVersion: "v1",
      kind: "Secret",
      metadata: secretFilesSecretMetadata(n, labels),
      type: "Opaque",
      stringData,
    },
  };
}

/**
 * Where a secret file sits under the Secret's mount: conf/<path> for a file of repository/conf. A file
 * beside it (the consent apps' ../deployment/.../conf.json) sits at deployment/..., since a volume item's
 * path may not hold "..", and the start script's "$secret_files/../deployment/..." finds it there.
 */
export function secretMountPath(path: string): string {
  return posix.normalize(`${CONF_DIR}/${path}`);
}

export function secretFilesItems(paths: readonly string[]): KeyToPath[] {
  return paths.map((path) => ({ key: configMapKey(secretMountPath(path)), path: secretMountPath(path) }));
}

/** The passwords as a Secret, for the provisioned database, the schema job and the operators. */
export function credentialsSecretManifest(config: ObkmConfig, n: Names, labels: Record<string, string>, credentials: Credentials): SecretManifest {
  const stringData: Record<string, string> = { "admin-password": credentials.adminPassword };
  for (const key of config.database.inUse) stringData[`${key}-password`] = credentials.datasourcePasswords[key];
  if (config.userStore.type === "ldap" && credentials.ldapBindPassword) stringData["ldap-bind-password"] = credentials.ldapBindPassword;
  if (credentials.databaseRootPassword) stringData["database-root-password"] = credentials.databaseRootPassword;
  return { apiVersion: "v1", kind: "Secret", metadata: credentialsSecretMetadata(n, labels), type: "Opaque", stringData };
}

/**
 * The two Secrets' metadata, apart from their data: a component names a Secret from these, never from the
 * apply that fills it, or a preview (where a generated password is unknown) would not know its name.
 */
export const credentialsSecretMetadata = (n: Names, labels: Record<string, string>): SecretMetadata => ({
  name: n.credentials,
  namespace: n.namespace,
  labels,
});

export const secretFilesSecretMetadata = (n: Names, labels: Record<string, string>): SecretMetadata => ({
  name: n.secretFiles,
  namespace: n.namespace,
  labels: { ...labels, [NODE_FILES_LABEL]: "true" },
});
