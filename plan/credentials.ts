// The credentials and the node files that hold them. Passwords are supplied as Pulumi secrets or generated
// (credentials.ts in components/ makes them); this module only says which are needed and renders, from
// plain values inside an apply, what holds them: the node files master-datasources.xml and user-mgt.xml,
// and a Secret of the passwords for the database's own use. None of it is ever in a ConfigMap.
import { createHmac } from "crypto";
import { DATASOURCE_KEYS, DatasourceKey } from "../config/database-keys";
import { ObkmConfig } from "../config/load";
import { renderTemplate } from "../xml/templates";
import { datasourceEdits, DatasourceEndpoint, MASTER_DATASOURCES_XML } from "./database/datasources";
import { Names } from "./names";
import { NodeFile } from "./node-files";
import { configMapKey, CONF_DIR, NODE_FILES_LABEL } from "./node-files-configmap";
import { SecretManifest, KeyToPath } from "./types";
import { USER_MGT_XML, userStoreEdits } from "./user-store";

/** Plain values, only ever handled inside an apply. */
export interface Credentials {
  datasourcePasswords: Record<DatasourceKey, string>;
  adminPassword: string;
  ldapBindPassword?: string;
  /** The provisioned database's superuser, when there is one. */
  databaseRootPassword?: string;
  /** Keys the revision hash, so the hash in the pod template says nothing about the passwords. */
  revisionKey: string;
}

/**
 * Stands in for the real credentials when the plan renders the secret files once up front: a template
 * that lacks a file or an element fails then, with the file and the path, before anything is registered,
 * rather than inside an apply half-way through a deployment.
 */
export const PLACEHOLDER_CREDENTIALS: Credentials = {
  datasourcePasswords: { um: "placeholder", am: "placeholder", config: "placeholder", reg: "placeholder" },
  adminPassword: "placeholder",
  ldapBindPassword: "placeholder",
  revisionKey: "placeholder",
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
}

export function credentialPlan(config: ObkmConfig): CredentialPlan {
  return {
    keepers: { rotation: config.credentialRotation },
    generate: {
      database: DATASOURCE_KEYS.some((d) => config.database.datasources[d].password === "generated"),
      admin: config.admin.passwordGenerated,
      // MySQL's root; PostgreSQL's image makes the KM's user the superuser.
      databaseRoot: config.database.provision !== undefined && config.database.type === "mysql",
    },
    recipe: { length: 32, special: true, overrideSpecial: "!#%*+-=_.:", minLower: 2, minUpper: 2, minNumeric: 2 },
  };
}

/** The files that hold passwords, rendered with them. */
export function secretNodeFiles(config: ObkmConfig, endpoints: Record<DatasourceKey, DatasourceEndpoint>, credentials: Credentials): NodeFile[] {
  const secrets = { adminPassword: credentials.adminPassword, ldapBindPassword: credentials.ldapBindPassword };
  return [
    renderTemplate(config.configTemplates, MASTER_DATASOURCES_XML, datasourceEdits(config, endpoints, credentials.datasourcePasswords)),
    renderTemplate(config.configTemplates, USER_MGT_XML, userStoreEdits(config, secrets)),
  ];
}

export const SECRET_FILES_PATHS = [MASTER_DATASOURCES_XML, USER_MGT_XML];

export interface SecretFiles {
  manifest: SecretManifest;
  /** Changes whenever a file's content does, and rolls the pods; an HMAC, so it reveals nothing. */
  revision: string;
}

export function secretFilesSecret(n: Names, labels: Record<string, string>, files: readonly NodeFile[], revisionKey: string): SecretFiles {
  const stringData = Object.fromEntries(files.map((f) => [configMapKey(`${CONF_DIR}/${f.path}`), f.content]));
  const revision = createHmac("sha256", revisionKey).update(JSON.stringify(stringData)).digest("hex").slice(0, 16);
  return {
    revision,
    manifest: {
      apiVersion: "v1",
      kind: "Secret",
      metadata: { name: n.secretFiles, namespace: n.namespace, labels: { ...labels, [NODE_FILES_LABEL]: "true" } },
      type: "Opaque",
      stringData,
    },
  };
}

export function secretFilesItems(): KeyToPath[] {
  return SECRET_FILES_PATHS.map((path) => ({ key: configMapKey(`${CONF_DIR}/${path}`), path: `${CONF_DIR}/${path}` }));
}

/** The passwords as a Secret, for the provisioned database, the schema job and the operators. */
export function credentialsSecret(config: ObkmConfig, n: Names, labels: Record<string, string>, credentials: Credentials): SecretManifest {
  const stringData: Record<string, string> = { "admin-password": credentials.adminPassword };
  for (const key of DATASOURCE_KEYS) stringData[`${key}-password`] = credentials.datasourcePasswords[key];
  if (config.userStore.type === "ldap" && credentials.ldapBindPassword) stringData["ldap-bind-password"] = credentials.ldapBindPassword;
  if (credentials.databaseRootPassword) stringData["database-root-password"] = credentials.databaseRootPassword;
  return { apiVersion: "v1", kind: "Secret", metadata: { name: n.credentials, namespace: n.namespace, labels }, type: "Opaque", stringData };
}
