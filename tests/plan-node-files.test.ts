// The plan modules that edit the node files, and the ConfigMap and Secrets that carry them, each in one
// block that calls the module's functions on a loaded config and the bundled templates: no render, a few
// milliseconds a test. What the edits must say is reasoned from the product (the clustering guide, Carbon,
// Tomcat) and from Kubernetes' API rules, cited where it is used.
import { createHash } from "crypto";
import * as fs from "fs";
import * as path from "path";
import { loadConfig } from "../config/load";
import { apiManagerConfig, API_MANAGER_XML } from "../plan/apim";
import { AXIS2_XML, clusteringEdits } from "../plan/axis2";
import { CARBON_XML, carbonXmlEdits, emailUserNames, hostEdits } from "../plan/carbon";
import { CATALINA_SERVER_XML, catalinaXmlEdits, proxyEdits } from "../plan/catalina";
import {
  credentialPlan,
  credentialsSecretManifest,
  Credentials,
  fillSecrets,
  openBankingDatasourceEdits,
  RECIPE,
  secretFilesItems,
  secretFilesSecret,
  secretFileTemplates,
  secretMountPath,
} from "../plan/credentials";
import { datasourceEndpoints } from "../plan/database/endpoints";
import { MASTER_DATASOURCES_XML, OPEN_BANKING_DATASOURCES_XML } from "../plan/database/datasources";
import { REGISTRY_XML } from "../plan/database/registry";
import { hazelcastProperties, HAZELCAST_PROPERTIES } from "../plan/hazelcast-properties";
import { keystoreMounts } from "../plan/keystores/keystores";
import { labels, names } from "../plan/names";
import { IDENTITY_XML, renderNodeFiles } from "../plan/node-files";
import { stackCalls } from "../plan/calls";
import { configMapKey, mountPathOfKey, nodeFilesConfigMap } from "../plan/node-files-configmap";
import { secretFilesStep } from "../plan/secret-files";
import { KM_TEMPLATE_FILES, OPTIONAL_KM_TEMPLATE_FILES, templateSources } from "../plan/templates";
import { USER_MGT_XML, userStoreEdits } from "../plan/user-store";
import { PROJECT_DIR } from "../project-dir";
import { applyEdits, XmlEdit } from "../xml/edits";
import { elementTexts } from "../xml/read";
import { BUNDLED_APIM_TEMPLATES, readTemplates, Templates } from "../xml/templates";
import { asSets, cliConfig, LDAP_SETTINGS, MINIMAL_SETTINGS } from "./helpers/cli-config";
import { elements, parse } from "./helpers/render";

/** A dev stack's config from the minimal settings and `key=value` sets, as the program loads it. */
const configOf = (sets: string[] = [], stack = "dev") =>
  loadConfig(
    cliConfig({ ...EXTERNAL_DATABASE(sets), ...Object.fromEntries(sets.map((s) => s.split(/=(.*)/s)).map(([k, v]) => [`obkm:${k}`, v])) }, stack),
    {
      stack,
      projectDir: PROJECT_DIR,
    },
  ).config;
/** The minimal settings, less database.host when the stack provisions its own database. */
const EXTERNAL_DATABASE = (sets: string[]) =>
  sets.includes("database.provision=true")
    ? Object.fromEntries(Object.entries(MINIMAL_SETTINGS).filter(([k]) => k !== "obkm:database.host"))
    : MINIMAL_SETTINGS;
const km = readTemplates(undefined, KM_TEMPLATE_FILES);
const edited = (file: string, edits: XmlEdit[], templates: Templates = km) => applyEdits(file, templates.files[file], edits);
const LDAP = [...asSets(LDAP_SETTINGS), "userStore.ldap.url=ldaps://ldap.bank.example:636"];
/** A manifest as the plain JSON it is: the types allow Pulumi inputs, which the plan never makes. */
const plain = (value: unknown): any => JSON.parse(JSON.stringify(value));
const SOME: Credentials = {
  datasourcePasswords: { um: "p-um", am: "p-am", config: "p-config", reg: "p-reg", common: "p-common", ob: "p-ob" },
  adminPassword: "admin-pw",
  revisionKey: "k",
};

describe("plan/apim.ts", () => {
  const apim = readTemplates(BUNDLED_APIM_TEMPLATES, [API_MANAGER_XML]);
  const withNamespace = configOf(["apim.namespace=openbanking-apim", "apim.gatewayPort=8243"]);

  it("renders nothing without apim.namespace, or without the API Manager's template", () => {
    const config = configOf();
    expect(apiManagerConfig(config, names(config), {}, apim)).toBeUndefined();
    expect(apiManagerConfig(withNamespace, names(withNamespace), {}, undefined)).toBeUndefined();
  });

  it("points the key manager, key validator and auth manager at the KM's Service on its HTTPS servlet port, and /revoke at the gateway", () => {
    const n = names(withNamespace);
    const { content } = apiManagerConfig(withNamespace, n, {}, apim)!;
    // The KM's servlet HTTPS port is Carbon's 9443 plus the offset 3 that carbon.xml sets.
    const services = `https://${n.serviceDnsName}:9446\${carbon.context}services/`;
    for (const path of [
      "/APIManager/APIKeyManager/Configuration/ServerURL",
      "/APIManager/APIKeyValidator/ServerURL",
      "/APIManager/AuthManager/ServerURL",
    ]) {
      expect(elementTexts(API_MANAGER_XML, content, path)).toEqual([services]);
    }
    expect(elementTexts(API_MANAGER_XML, content, "/APIManager/OAuthConfigurations/RevokeAPIURL")).toEqual(["https://gw.bank.example:8243/revoke"]);
  });

  it("is a ConfigMap in the API Manager's namespace whose annotation is its content's SHA-256, so the API Manager's stack can roll on a change", () => {
    const { manifest: typed, content, sha256 } = apiManagerConfig(withNamespace, names(withNamespace), { team: "km" }, apim)!;
    const manifest = plain(typed);
    expect(manifest.metadata.namespace).toBe("openbanking-apim");
    expect(manifest.metadata.labels).toMatchObject({ team: "km", "app.kubernetes.io/component": "api-manager-wiring" });
    expect(manifest.data).toEqual({ [API_MANAGER_XML]: content });
    expect(sha256).toBe(createHash("sha256").update(content).digest("hex"));
    expect(manifest.metadata.annotations).toEqual({ "obkm.wso2.com/content-sha256": sha256 });
  });
});

describe("plan/axis2.ts", () => {
  const config = configOf();
  const n = names(config);
  const clustering = (xml: string) => elements(parse(xml), "clustering")[0];
  const parameter = (xml: string, name: string) => elementTexts(AXIS2_XML, xml, `/axisconfig/clustering/parameter[@name='${name}']`);

  it("enables Hazelcast with the guide's well-known-member scheme: the first two pods by stable DNS name, on Hazelcast's port 4000", () => {
    const xml = edited(AXIS2_XML, clusteringEdits(true, n));
    expect(clustering(xml).getAttribute("enable")).toBe("true");
    expect(parameter(xml, "membershipScheme")).toEqual(["wka"]);
    expect(parameter(xml, "domain")).toEqual([n.hazelcastDomain]);
    expect(parameter(xml, "localMemberPort")).toEqual(["4000"]);
    // Each pod writes its own address over the placeholder at start (pod-address.ts).
    expect(parameter(xml, "localMemberHost")).toEqual(["@POD_IP@"]);
    expect(elementTexts(AXIS2_XML, xml, "/axisconfig/clustering/members/member/hostName")).toEqual([n.podDnsName(0), n.podDnsName(1)]);
    expect(elementTexts(AXIS2_XML, xml, "/axisconfig/clustering/members/member/port")).toEqual(["4000", "4000"]);
  });

  it("keeps the member list the same whatever replicas says, so scaling restarts no pod", () => {
    const five = configOf(["replicas=5"]);
    expect(clusteringEdits(true, names(five))).toEqual(clusteringEdits(true, n));
  });

  it("with clustering off, disables the agent and lists no member", () => {
    const xml = edited(AXIS2_XML, clusteringEdits(false, n));
    expect(clustering(xml).getAttribute("enable")).toBe("false");
    expect(elementTexts(AXIS2_XML, xml, "/axisconfig/clustering/members/member/hostName")).toEqual([]);
  });
});

describe("plan/carbon.ts", () => {
  it("names the public host as HostName and MgtHostName and keeps the port offset 3 that the Services assume", () => {
    const xml = edited(CARBON_XML, hostEdits("km.bank.example"));
    expect(elementTexts(CARBON_XML, xml, "/Server/HostName")).toEqual(["km.bank.example"]);
    expect(elementTexts(CARBON_XML, xml, "/Server/MgtHostName")).toEqual(["km.bank.example"]);
    expect(elementTexts(CARBON_XML, xml, "/Server/Ports/Offset")).toEqual(["3"]);
  });

  it("carbonXmlEdits adds the scenario's ForceLocalCache and the keystores, with a token, never a password", () => {
    const config = configOf(["caching.scenario=5", "caching.lowLatencyNetwork=true"]);
    const xml = edited(CARBON_XML, carbonXmlEdits(config, keystoreMounts(config, names(config))));
    expect(elementTexts(CARBON_XML, xml, "/Server/HostName")).toEqual(["km.bank.example"]);
    // Scenario 5 is the guide's distributed caching: ForceLocalCache false.
    expect(elementTexts(CARBON_XML, xml, "/Server/Cache/ForceLocalCache")).toEqual(["false"]);
    expect(elementTexts(CARBON_XML, xml, "/Server/Security/KeyStore/Password")).toEqual(["@obkm-password:signing@"]);
  });

  it("emailUserNames is on only when EnableEmailUserName is exactly true, as Carbon's MultitenantUtils reads it", () => {
    const carbon = (value: string) => [{ path: CARBON_XML, content: `<Server><EnableEmailUserName>${value}</EnableEmailUserName></Server>` }];
    expect(emailUserNames(carbon("true"))).toBe(true);
    expect(emailUserNames(carbon(" true "))).toBe(true);
    expect(emailUserNames(carbon("TRUE"))).toBe(false);
    expect(emailUserNames(carbon("false"))).toBe(false);
    expect(emailUserNames([{ path: CARBON_XML, content: "<Server/>" }])).toBe(false);
    expect(emailUserNames([])).toBe(false);
  });
});

describe("plan/catalina.ts", () => {
  const valves = (xml: string) => elements(parse(xml), "Valve").map((v) => v.getAttribute("className"));

  it("makes the connectors report the ingress's ports 443 and 80 in the URLs they build", () => {
    const doc = parse(edited(CATALINA_SERVER_XML, proxyEdits(configOf())));
    const proxyPort = (port: string) => elements(doc, "Connector", { port })[0].getAttribute("proxyPort");
    expect([proxyPort("9443"), proxyPort("9763")]).toEqual(["443", "80"]);
  });

  it("puts one RemoteIpValve first among the Host's valves, trusting X-Forwarded-* only from tomcat.internalProxies", () => {
    const config = configOf(["tomcat.internalProxies=10\\.1\\.\\d+\\.\\d+"]);
    // Applied twice, as over a file that had the valve already: still one.
    const xml = edited(CATALINA_SERVER_XML, [...proxyEdits(config), ...proxyEdits(config)]);
    const remoteIp = "org.apache.catalina.valves.RemoteIpValve";
    expect(valves(xml)[0]).toBe(remoteIp);
    expect(valves(xml).filter((v) => v === remoteIp)).toHaveLength(1);
    const valve = elements(parse(xml), "Valve", { className: remoteIp })[0];
    expect(valve.getAttribute("internalProxies")).toBe("10\\.1\\.\\d+\\.\\d+");
    expect(valve.getAttribute("protocolHeader")).toBe("x-forwarded-proto");
    expect(valve.getAttribute("remoteIpHeader")).toBe("x-forwarded-for");
  });

  it("catalinaXmlEdits points the HTTPS connector at the TLS keystore with a token in its password's place", () => {
    const config = configOf();
    const doc = parse(edited(CATALINA_SERVER_XML, catalinaXmlEdits(config, keystoreMounts(config, names(config)))));
    const https = elements(doc, "Connector", { port: "9443" })[0];
    expect(https.getAttribute("keystorePass")).toBe("@obkm-password:tls@");
    expect(https.getAttribute("proxyPort")).toBe("443");
  });
});

describe("plan/hazelcast-properties.ts", () => {
  it("writes WSO2's advice for clustered nodes: no Hazelcast shutdown hook, logging through log4j", () => {
    const [file] = hazelcastProperties(true);
    expect(file.path).toBe(HAZELCAST_PROPERTIES);
    const lines = file.content.split("\n").filter((l) => l && !l.startsWith("#"));
    expect(lines.sort()).toEqual(["hazelcast.logging.type=log4j", "hazelcast.shutdownhook.enabled=false"]);
  });

  it("writes no file when the scenario does not cluster", () => {
    expect(hazelcastProperties(false)).toEqual([]);
  });
});

describe("plan/node-files.ts", () => {
  const config = configOf();
  const n = names(config);
  const files = renderNodeFiles(config, n, km, keystoreMounts(config, n), stackCalls(config, n, km));

  it("renders the files that hold no password, in path order, and neither of those that do", () => {
    const paths = files.map((f) => f.path);
    expect(paths).toEqual([...paths].sort((a, b) => a.localeCompare(b)));
    expect(paths).toEqual(expect.arrayContaining([AXIS2_XML, CARBON_XML, CATALINA_SERVER_XML, IDENTITY_XML, REGISTRY_XML]));
    expect(paths).not.toContain(MASTER_DATASOURCES_XML);
    expect(paths).not.toContain(USER_MGT_XML);
  });

  it("keeps identity.xml's data in the shared WSO2AM_DB and follows the caching scenario", () => {
    const identity = files.find((f) => f.path === IDENTITY_XML)!.content;
    expect(elementTexts(IDENTITY_XML, identity, "/Server/JDBCPersistenceManager/DataSource/Name")).toEqual(["jdbc/WSO2AM_DB"]);
    const off = configOf(["caching.scenario=3"]);
    const unclustered = renderNodeFiles(off, names(off), km, keystoreMounts(off, names(off)), stackCalls(off, names(off), km));
    const axis2 = unclustered.find((f) => f.path === AXIS2_XML)!.content;
    expect(elements(parse(axis2), "clustering")[0].getAttribute("enable")).toBe("false");
  });
});

describe("plan/node-files-configmap.ts", () => {
  const config = configOf();
  const n = names(config);
  const files = [
    { path: AXIS2_XML, content: "<a/>" },
    { path: CARBON_XML, content: "<c/>" },
  ];
  const scripts = [{ path: "bin/start.sh", content: "#!/bin/sh\n" }];

  it("keys each file by its mount path with '/' as '__', a valid ConfigMap key ([-._a-zA-Z0-9]+), and mounts it back at that path", () => {
    const { manifest, items } = nodeFilesConfigMap(n, {}, files, scripts);
    expect(Object.keys(manifest.data!).sort()).toEqual(["bin__start.sh", "conf__axis2__axis2.xml", "conf__carbon.xml"]);
    for (const key of Object.keys(manifest.data!)) expect(key).toMatch(/^[-._a-zA-Z0-9]+$/);
    expect(items).toContainEqual({ key: "conf__axis2__axis2.xml", path: "conf/axis2/axis2.xml" });
    expect(mountPathOfKey(configMapKey("conf/axis2/axis2.xml"))).toBe("conf/axis2/axis2.xml");
  });

  it("is immutable and named by its content, so any change gives a new name that rolls the pods", () => {
    const one = nodeFilesConfigMap(n, {}, files, scripts);
    const same = nodeFilesConfigMap(n, {}, [...files].reverse(), scripts);
    const changed = nodeFilesConfigMap(n, {}, [{ ...files[0], content: "<b/>" }, files[1]], scripts);
    expect(one.manifest.immutable).toBe(true);
    expect(one.name.startsWith(`${n.nodeFilesConfigMap}-`)).toBe(true);
    expect(same.name).toBe(one.name);
    expect(changed.name).not.toBe(one.name);
    // A DNS subdomain name (RFC 1123), as a ConfigMap's name must be.
    expect(one.name).toMatch(/^[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$/);
    expect(plain(one.manifest).metadata.labels).toMatchObject({ "obkm.wso2.com/node-files": "true" });
  });
});

describe("plan/templates.ts", () => {
  it("asks for the KM's files from configTemplates (the bundled ones when unset), and the OB files only where they are held", () => {
    expect(templateSources(configOf()).km).toEqual({ dir: undefined, files: KM_TEMPLATE_FILES, optional: OPTIONAL_KM_TEMPLATE_FILES });
    expect(templateSources(configOf(["configTemplates=/pack/repository/conf"])).km.dir).toBe("/pack/repository/conf");
    // The OB files are WSO2's, under its commercial licence: never among the files the plan requires.
    expect(KM_TEMPLATE_FILES).not.toContain("finance/open-banking.xml");
    expect(OPTIONAL_KM_TEMPLATE_FILES).toContain("finance/open-banking.xml");
  });

  it("asks for the API Manager's api-manager.xml only with apim.namespace, from apim.configTemplates or the bundled copy", () => {
    expect(templateSources(configOf()).apim).toBeUndefined();
    expect(templateSources(configOf(["apim.namespace=apim"])).apim).toEqual({
      dir: BUNDLED_APIM_TEMPLATES,
      files: [API_MANAGER_XML],
      // The bank's OB files, edited where its pack's copy holds them (plan/apim-files.ts).
      optional: ["finance/open-banking.xml", "../resources/api_templates/velocity_template.xml"],
    });
    expect(templateSources(configOf(["apim.namespace=apim", "apim.configTemplates=/am/conf"])).apim?.dir).toBe("/am/conf");
  });
});

describe("plan/user-store.ts", () => {
  const realm = "/UserManager/Realm";
  const storeClasses = (xml: string) => elements(parse(xml), "UserStoreManager").map((e) => e.getAttribute("class"));

  it("points the realm at the layout's user-store database and names the admin", () => {
    // OB 1.4 keeps the user store in WSO2_COMMON_DB; the clustering guide's layout has WSO2UM_DB.
    const ob = edited(USER_MGT_XML, userStoreEdits(configOf(["adminUsername=kmadmin"]), { adminPassword: "pw" }));
    expect(elementTexts(USER_MGT_XML, ob, `${realm}/Configuration/Property[@name='dataSource']`)).toEqual(["jdbc/WSO2CommonDB"]);
    expect(elementTexts(USER_MGT_XML, ob, `${realm}/Configuration/AdminUser/UserName`)).toEqual(["kmadmin"]);
    expect(elementTexts(USER_MGT_XML, ob, `${realm}/Configuration/AdminUser/Password`)).toEqual(["pw"]);
    const clustering = edited(USER_MGT_XML, userStoreEdits(configOf(["database.layout=clustering"]), { adminPassword: "pw" }));
    expect(elementTexts(USER_MGT_XML, clustering, `${realm}/Configuration/Property[@name='dataSource']`)).toEqual(["jdbc/WSO2UM_DB"]);
  });

  it("keeps the pack's JDBC store without an LDAP directory", () => {
    const xml = edited(USER_MGT_XML, userStoreEdits(configOf(), { adminPassword: "pw" }));
    expect(storeClasses(xml)[0]).toMatch(/JDBCUserStoreManager$/);
  });

  it("makes the LDAP directory the primary (first) store, read-only unless userStore.ldap.readOnly is false", () => {
    const property = (xml: string, name: string) => elementTexts(USER_MGT_XML, xml, `${realm}/UserStoreManager/Property[@name='${name}']`);
    const readOnly = edited(USER_MGT_XML, userStoreEdits(configOf(LDAP), { adminPassword: "pw", ldapBindPassword: "bind" }));
    expect(storeClasses(readOnly)).toEqual(["org.wso2.carbon.user.core.ldap.ReadOnlyLDAPUserStoreManager"]);
    expect(property(readOnly, "ConnectionURL")).toEqual(["ldaps://ldap.bank.example:636"]);
    expect(property(readOnly, "ConnectionPassword")).toEqual(["bind"]);
    expect(property(readOnly, "UserSearchBase")).toEqual(["ou=users,dc=bank,dc=example"]);
    expect(property(readOnly, "WriteGroups")).toEqual(["false"]);
    const readWrite = edited(USER_MGT_XML, userStoreEdits(configOf([...LDAP, "userStore.ldap.readOnly=false"]), { adminPassword: "pw" }));
    expect(storeClasses(readWrite)).toEqual(["org.wso2.carbon.user.core.ldap.ReadWriteLDAPUserStoreManager"]);
    expect(property(readWrite, "ReadOnly")).toEqual(["false"]);
  });
});

describe("plan/credentials.ts", () => {
  const config = configOf();
  const n = names(config);
  const endpoints = datasourceEndpoints(config, n);

  it("credentialPlan generates what config does not supply, and an administrator's password only for a provisioned database", () => {
    const plan = credentialPlan(config, 30);
    expect(plan.generate).toEqual({ database: true, admin: true, databaseRoot: false });
    expect(plan.adminRecipe).toEqual({ ...RECIPE, length: 30 });
    expect(credentialPlan(configOf(["database.password=Supplied1", "adminPassword=Supplied1"])).generate).toMatchObject({
      database: false,
      admin: false,
    });
    const provisioned = ["database.provision=true"];
    expect(credentialPlan(configOf([...provisioned, "database.type=mysql"])).generate.databaseRoot).toBe(true);
    // PostgreSQL's superuser is an administrator of its own too, never the KM's user (plan/database/postgresql-users.ts).
    expect(credentialPlan(configOf([...provisioned, "database.type=postgresql"])).generate.databaseRoot).toBe(true);
    expect(credentialPlan(configOf(["credentialRotation=2027-01"])).keepers).toEqual({ rotation: "2027-01" });
  });

  it("a generated password has no character a shell, a URL or XML would need escaped", () => {
    expect(RECIPE.overrideSpecial).not.toMatch(/["'\\$&<>`\s]/);
    expect(RECIPE.length).toBeGreaterThanOrEqual(16);
  });

  it("renders the secret files with slots, then writes each password escaped into its slot", () => {
    const templates = secretFileTemplates(config, endpoints, km);
    expect(templates.map((f) => f.path).sort()).toEqual([MASTER_DATASOURCES_XML, USER_MGT_XML]);
    const filled = fillSecrets(templates, { ...SOME, adminPassword: "a<b&c" });
    const userMgt = filled.find((f) => f.path === USER_MGT_XML)!.content;
    expect(userMgt).toContain("<Password>a&lt;b&amp;c</Password>");
    expect(filled.map((f) => f.content).join("")).not.toContain("@@obkm-secret:");
  });

  it("adds the user's open-banking-datasources.xml where configTemplates holds it, and gives the node's start the OB password as a slot", () => {
    const held = {
      ...km,
      files: {
        ...km.files,
        // Our fixture of the user's copy, which holds only what the program edits.
        [OPEN_BANKING_DATASOURCES_XML]: fs.readFileSync(path.join(__dirname, "fixtures/ob-pack", OPEN_BANKING_DATASOURCES_XML), "utf8"),
      },
    };
    const files = fillSecrets(secretFileTemplates(config, endpoints, held), SOME);
    const ob = files.find((f) => f.path === OPEN_BANKING_DATASOURCES_XML)!.content;
    expect(
      elementTexts(OPEN_BANKING_DATASOURCES_XML, ob, "/datasources-configuration/datasources/datasource/definition/configuration/password"),
    ).toEqual(["p-ob"]);
    const password = openBankingDatasourceEdits(config, endpoints).find((e) => e.kind === "set" && e.path.endsWith("/password"));
    expect(password).toMatchObject({ value: "@@obkm-secret:ob-password@@" });
  });

  it("refuses a template that already holds a slot's text, naming the file", () => {
    const poisoned = { ...km, files: { ...km.files, [USER_MGT_XML]: km.files[USER_MGT_XML] + "<!-- @@obkm-secret:am-password@@ -->" } };
    expect(() => secretFileTemplates(config, endpoints, poisoned)).toThrow(/user-mgt.xml: \/: holds the text @@obkm-secret:am-password@@/);
  });

  it("secretFilesSecret's revision changes with any file or other password, and is keyed, so it says nothing of the passwords", () => {
    const files = [{ path: USER_MGT_XML, content: "x" }];
    const base = secretFilesSecret(n, {}, files, "key").revision;
    expect(secretFilesSecret(n, {}, [{ path: USER_MGT_XML, content: "y" }], "key").revision).not.toBe(base);
    expect(secretFilesSecret(n, {}, files, "key", { "ob-password": "z" }).revision).not.toBe(base);
    expect(secretFilesSecret(n, {}, files, "other key").revision).not.toBe(base);
    expect(secretFilesSecret(n, {}, files, "key").manifest.stringData).toEqual({ "conf__user-mgt.xml": "x" });
  });

  it("mounts a file beside repository/conf without '..', which a volume item's path may not hold", () => {
    expect(secretMountPath("user-mgt.xml")).toBe("conf/user-mgt.xml");
    expect(secretMountPath("../deployment/server/jaggeryapps/ccportal/configs/conf.json")).toBe(
      "deployment/server/jaggeryapps/ccportal/configs/conf.json",
    );
    for (const item of secretFilesItems(["../deployment/a/conf.json", "datasources/master-datasources.xml"])) {
      expect(String(item.path).split("/")).not.toContain("..");
      expect(item.key).toMatch(/^[-._a-zA-Z0-9]+$/);
    }
  });

  it("credentialsSecretManifest holds the admin's and each used datasource's password, the LDAP bind's only with LDAP", () => {
    const data = credentialsSecretManifest(config, n, {}, { ...SOME, ldapBindPassword: "bind" }).stringData;
    // The OB layout uses am, common and ob.
    expect(Object.keys(data!).sort()).toEqual(["admin-password", "am-password", "common-password", "ob-password"]);
    expect(data).not.toHaveProperty("ldap-bind-password");
    const ldap = configOf(LDAP);
    expect(credentialsSecretManifest(ldap, names(ldap), {}, { ...SOME, ldapBindPassword: "bind" }).stringData).toMatchObject({
      "ldap-bind-password": "bind",
    });
    expect(credentialsSecretManifest(config, n, {}, { ...SOME, databaseRootPassword: "root" }).stringData).toMatchObject({
      "database-root-password": "root",
    });
  });
});

describe("plan/secret-files.ts", () => {
  const config = configOf();
  const n = names(config);
  const files = secretFileTemplates(config, datasourceEndpoints(config, n), km);

  it("fills the secret files and the credentials Secret from the credentials, inside the apply", () => {
    const { secretNodeFiles, secretFiles, credentialsSecret } = secretFilesStep(config, n, labels(config).common, files, undefined).secrets(SOME);
    const userMgt = secretNodeFiles.find((f) => f.path === USER_MGT_XML)!.content;
    expect(elementTexts(USER_MGT_XML, userMgt, "/UserManager/Realm/Configuration/AdminUser/Password")).toEqual(["admin-pw"]);
    expect(secretFiles.manifest.kind).toBe("Secret");
    expect(Object.keys(secretFiles.manifest.stringData!)).toContain("conf__user-mgt.xml");
    expect(credentialsSecret.stringData).toMatchObject({ "admin-password": "admin-pw" });
  });

  it("rolls the nodes when a password the OB editor writes at start changes, though no file holds it", () => {
    const atStart = { slots: ["ob-password"] } as Parameters<typeof secretFilesStep>[4];
    const step = secretFilesStep(config, n, {}, files, atStart);
    const revision = (ob: string) => step.secrets({ ...SOME, datasourcePasswords: { ...SOME.datasourcePasswords, ob } }).secretFiles.revision;
    expect(revision("one")).not.toBe(revision("two"));
  });

  it("shows every password element masked, the user's own included, and no slot", () => {
    const withOwn = files.map((f) =>
      f.path === USER_MGT_XML ? { ...f, content: f.content.replace("</UserManager>", "<Extra><password>own</password></Extra></UserManager>") } : f,
    );
    const shown = secretFilesStep(config, n, {}, withOwn, undefined).secretFilesShown("[secret]");
    const text = Object.values(shown).join("\n");
    expect(text).not.toContain("own");
    expect(text).not.toContain("@@obkm-secret:");
    expect(elementTexts(USER_MGT_XML, shown["conf__user-mgt.xml"], "/UserManager/Realm/Configuration/AdminUser/Password")).toEqual(["[secret]"]);
  });
});
