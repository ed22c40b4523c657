// user-mgt.xml: the realm's database (jdbc/WSO2UM_DB), the admin user, and the primary user store: the
// pack's JDBC store in WSO2UM_DB, or an LDAP v3 directory. The file holds the admin password (and the LDAP
// bind password), so it is rendered with them and reaches the nodes as a Secret.
import { DATABASE_LAYOUTS, DATASOURCES } from "../config/database-keys";
import { ObkmConfig } from "../config/load";
import { ElementSpec, XmlEdit } from "../xml/edits";

export const USER_MGT_XML = "user-mgt.xml";

const READ_ONLY_LDAP = "org.wso2.carbon.user.core.ldap.ReadOnlyLDAPUserStoreManager";
const READ_WRITE_LDAP = "org.wso2.carbon.user.core.ldap.ReadWriteLDAPUserStoreManager";

export interface UserStoreSecrets {
  adminPassword: string;
  ldapBindPassword?: string;
}

function ldapUserStore(store: Extract<ObkmConfig["userStore"], { type: "ldap" }>, bindPassword: string): ElementSpec {
  const user = store.userNameAttribute;
  const properties: Array<[string, string]> = [
    ["TenantManager", "org.wso2.carbon.user.core.tenant.CommonHybridLDAPTenantManager"],
    ["ConnectionURL", store.url],
    ["ConnectionName", store.bindDn],
    ["ConnectionPassword", bindPassword],
    ["AnonymousBind", "false"],
    ["ReadOnly", String(store.readOnly)],
    ["UserSearchBase", store.userSearchBase],
    ["UserEntryObjectClass", "inetOrgPerson"],
    ["UserNameAttribute", user],
    ["UserNameSearchFilter", `(&(objectClass=person)(${user}=?))`],
    ["UserNameListFilter", "(objectClass=person)"],
    ["ReadGroups", "true"],
    ["WriteGroups", String(!store.readOnly)],
    ["GroupSearchBase", store.groupSearchBase],
    ["GroupEntryObjectClass", "groupOfNames"],
    ["GroupNameAttribute", "cn"],
    ["GroupNameSearchFilter", "(&(objectClass=groupOfNames)(cn=?))"],
    ["GroupNameListFilter", "(objectClass=groupOfNames)"],
    ["MembershipAttribute", "member"],
    ["BackLinksEnabled", "false"],
    ["SCIMEnabled", "false"],
    ["PasswordHashMethod", "PLAIN_TEXT"],
    ["UserRolesCacheEnabled", "true"],
    ["ConnectionPoolingEnabled", "false"],
    ["LDAPConnectionTimeout", "5000"],
    ["ReplaceEscapeCharactersAtUserLogin", "true"],
    ["MaxUserNameListLength", "100"],
    ["MaxRoleNameListLength", "100"],
  ];
  return {
    name: "UserStoreManager",
    attributes: { class: store.readOnly ? READ_ONLY_LDAP : READ_WRITE_LDAP },
    children: properties.map(([name, text]) => ({ name: "Property", attributes: { name }, text })),
  };
}

export function userStoreEdits(config: ObkmConfig, secrets: UserStoreSecrets): XmlEdit[] {
  const configuration = "/UserManager/Realm/Configuration";
  const edits: XmlEdit[] = [
    {
      kind: "set",
      path: `${configuration}/Property[@name='dataSource']`,
      value: DATASOURCES[DATABASE_LAYOUTS[config.database.layout].userStore].jndi,
      create: {},
    },
    { kind: "set", path: `${configuration}/AdminUser/UserName`, value: config.admin.username },
    { kind: "set", path: `${configuration}/AdminUser/Password`, value: secrets.adminPassword },
  ];
  if (config.userStore.type === "ldap") {
    // The first UserStoreManager is the primary store: the directory takes the JDBC store's place.
    edits.push(
      { kind: "remove", path: "/UserManager/Realm/UserStoreManager" },
      {
        kind: "append",
        path: "/UserManager/Realm",
        before: "AuthorizationManager",
        elements: [ldapUserStore(config.userStore, secrets.ldapBindPassword ?? "")],
      },
    );
  }
  return edits;
}
