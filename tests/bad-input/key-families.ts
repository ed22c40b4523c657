// Every config key's family of values (tests/bad-input/families.ts), by what finally reads the value. A key
// missing here fails tests/bad-input.test.ts: a new key is not done until its bad values are refused.
import * as f from "./families";
import { Family } from "./families";

export interface KeyCase {
  family: Family;
  /** Further settings a good value needs to be accepted as a whole (never given with the bad ones). */
  goodWith?: Record<string, string>;
}

const json = (list: unknown[]) => JSON.stringify(list);
const of = (family: Family, goodWith?: Record<string, string>): KeyCase => ({ family, goodWith });

/** A database or user name every engine takes unquoted: letters, digits and '_', a letter first, at most 63. */
const identifier = (optional: boolean) =>
  f.pattern(
    [...(optional ? [] : [""]), "obkm$am", "1db", "db-name", "a".repeat(64), "db name", "dé", "db;drop", "`db`", "*"],
    ["$", "-", " ", ".", "é", ";", "'", "*", "@"],
    [...(optional ? [""] : []), "obkm_am", "a", "OBKM_AM", `a${"b".repeat(31)}`],
  );

const dataKey = (optional: boolean) =>
  f.pattern(
    // IsConfigMapKey also refuses '.', '..' and a key starting with '..' (config/data-keys.ts).
    [...(optional ? [] : [""]), "a/b", "a b", "a".repeat(254), "ü", "a:b", "*", ".", "..", "..data"],
    ["/", " ", ":", "ü", "*", "@", "\\"],
    [...(optional ? [""] : []), "keystore.p12", "pass_word-1"],
  );
const alias = () => f.pattern(["a b", "a".repeat(129), "a\tb"], [" ", "\t", "\u00a0"], ["", "wso2carbon", "ob-signing@1"]);
const kid = () => f.pattern(["a b", "é", "k".repeat(257), "a\tb"], [" ", "é", "\u00a0", "\t"], ["", "abc123", "kid-1_x.y"]);
const bundle = () => [
  "secret:bank-ca",
  "secret:/ca.crt",
  "configmap:x/ca.crt",
  "secret:Bad_Name/ca.crt",
  "secret:x/a b",
  "file:/etc/ca.crt",
  "secret:x/",
  "secret:x/..",
  "configMap:x/..2026_12_02",
];

/** The datasources of the default layout (openBanking), where a datasource's name and user are read. */
const IN_USE = ["am", "common", "ob"];
/** The dev stack's engine is MySQL: its system databases in any case, and its superuser (config/database-system-names.ts). */
const withBad = (family: Family, bad: readonly string[]): Family => ({ ...family, bad: [...family.bad, ...bad] });

/** A database host on MySQL: no IPv6 address, which Connector/J 5.1's URL cannot carry (config/database-ipv6.ts). */
const mysqlHost = (): Family => {
  const host = f.optionalHostOrIp();
  return { ...host, bad: [...host.bad, "fd00::5", "::ffff:10.0.0.5"], good: host.good.filter((g) => !g.includes(":")) };
};

const datasource = (d: string): Record<string, KeyCase> => ({
  [`database.${d}.name`]: of(withBad(identifier(false), IN_USE.includes(d) ? ["mysql", "INFORMATION_SCHEMA", "performance_schema", "Sys"] : [])),
  [`database.${d}.host`]: of(IN_USE.includes(d) ? mysqlHost() : f.optionalHostOrIp()),
  [`database.${d}.port`]: of(f.integer(0, 65535)),
  [`database.${d}.username`]: of(withBad(identifier(true), IN_USE.includes(d) ? ["root"] : [])),
  [`database.${d}.password`]: of(f.text(["", "S3cret-pw", "p&ss<w>rd'\""])),
});

const keystore = (role: string): Record<string, KeyCase> => ({
  [`keys.${role}.secret`]: of(f.dnsSubdomain(true), { [`obkm:keys.${role}.alias`]: "ob" }),
  [`keys.${role}.alias`]: of(alias()),
  [`keys.${role}.type`]: of(f.oneOf(["PKCS12", "JKS"])),
  [`keys.${role}.file`]: of(dataKey(true)),
  [`keys.${role}.passwordSecret`]: of(f.dnsSubdomain(true)),
  [`keys.${role}.passwordKey`]: of(dataKey(false)),
});

export const KEY_CASES: Record<string, KeyCase> = {
  hostname: of(f.ingressHostName()),
  image: of(f.imageReference(false)),
  imagePullPolicy: of(f.oneOf(["Always", "IfNotPresent", "Never"])),
  replicas: of(f.integer(1, 50), { "obkm:highAvailability": "false" }),
  highAvailability: of(f.boolean()),
  // "default" is accepted with a warning (config/risk-warnings.ts).
  namespace: of({ ...f.dnsLabel(true), bad: [...f.dnsLabel(true).bad, "kube-system", "kube-public", "kube-node-lease"] }),
  createNamespace: of(f.boolean()),
  namePrefix: of(f.rfc1035Label(40)),
  clusterDomain: of(f.dnsDomain()),
  // Blanks name no context (config/cluster-checks.ts).
  "cluster.context": of(withBad(f.text(["", "kind-dev", "arn:aws:eks:eu-west-1:1:cluster/km", "ctx with spaces"]), [" ", "   "])),
  // A kubeconfig's content, whose token the provider's inputs would keep in clear (config/kubeconfig-path.ts).
  "cluster.kubeconfig": of(
    withBad(f.text(["", "~/.kube/bank", "/etc/kube/config", "kube/prod"]), [
      "apiVersion: v1\nkind: Config\nusers: []\n",
      JSON.stringify({ apiVersion: "v1", kind: "Config" }),
      "{apiVersion: v1}",
    ]),
  ),
  configTemplates: of(f.text(["", "config-templates"])),
  // Nothing the kubelet ($(VAR)) or a shell would expand (config/km-home.ts).
  acceptBundledTemplates: of(f.boolean()),
  kmHome: of(withBad(f.absolutePath(), ["/opt/$(HOME)", "/opt/${X}", "/opt/`id`", "/opt/a;b", "/opt/../etc"])),
  memory: of(f.byteQuantity(2048, 262144, ["4Gi", "3584Mi", "2Gi", "256Gi"])),
  jvmHeap: of(f.byteQuantity(512, 196608, ["2Gi", "512Mi", "1536Mi"], true)),
  cpu: of(f.cpuQuantity(false, ["2", "500m", "0.1", "64"]), { "obkm:cpuLimit": "" }),
  cpuLimit: of(f.cpuQuantity(true, ["4", "2", "64"])),
  sharedStorageClass: of(f.dnsSubdomain(true)),
  sharedStorageSize: of(f.byteQuantity(1024, 16 * 1024 * 1024, ["5Gi", "1Gi", "1536Mi", "16Ti"])),
  sharedStorageClaim: of(f.dnsSubdomain(true)),
  protectSharedStorage: of(f.boolean()),
  runAsUser: of(f.integer(1, 2147483647)),
  runAsGroup: of(f.integer(1, 2147483647)),

  podManagementPolicy: of(f.oneOf(["OrderedReady", "Parallel"])),
  "scheduling.podAntiAffinity": of(f.oneOf(["preferred", "required"])),
  // Empty: TCP probes. Under /carbon every request opens an HTTP session (plan/probes.ts).
  "probes.path": of(
    f.pattern(
      // Where every request opens a session (config/probe-path.ts): /carbon, a tenant's URL, the JSP apps and pages.
      [
        "health",
        "a/b",
        "/a b",
        " /a",
        "/carbon/admin/login.jsp",
        "/carbon",
        "/a/../carbon",
        "/t/carbon.super/carbon",
        "/authenticationendpoint/login.do",
        "/x/a.jsp",
      ],
      [" ", "\u00a0"],
      ["", "/api/health-check/v1.0/health"],
    ),
  ),
  "probes.startupMinutes": of(f.integer(1, 60)),
  terminationGracePeriodSeconds: of(f.integer(30, 3600)),
  imagePullSecrets: of(f.dnsSubdomainList()),
  "networkPolicy.enabled": of(f.boolean()),
  "networkPolicy.ingressControllerNamespace": of(f.dnsLabel(false)),
  "networkPolicy.allowedNamespaces": of(f.dnsLabelList()),
  // The gateway (apim.hostname) is known by name: the NetworkPolicy needs ranges, so an empty list is refused.
  "networkPolicy.egressCidrs": of(f.cidrList([json(["10.0.0.0/8"]), json(["fd00::/64", "192.0.2.7/32"])])),

  "ingress.className": of(f.dnsSubdomain(false)),
  "ingress.cookieName": of(
    f.pattern(["", "OBKM ROUTE", "a;b", "a=b", "a".repeat(65), "é", "a,b"], [" ", ";", "=", ",", "é", '"', "@"], ["OBKM_ROUTE", "route-1"]),
  ),
  "ingress.affinityMode": of(f.oneOf(["persistent", "balanced"])),
  "ingress.cookieSameSite": of(f.oneOf(["None", "Lax", "Strict"])),
  "ingress.proxyBufferSize": of(f.nginxSize()),
  "ingress.tlsSecret": of(f.dnsSubdomain(true)),
  "ingress.clusterIssuer": of(f.dnsSubdomain(true)),
  "ingress.consoleAllowedCidrs": of(f.cidrList()),
  "ingress.extraPublicPaths": of(
    f.list(
      ["api", "/a b", "/a//b", "/a/..", "/a/./b", "/a%2fb", "/a%2F", "/a?b", "/a#b", "", "*"],
      ["[]", json(["/api/identity/user/v1.0/me", "/"])],
    ),
  ),
  // Never link-local, where the cloud metadata service answers (config/address-checks.ts).
  hostAliasIp: of(withBad(f.optionalIpAddress(), ["169.254.169.254", "fe80::1"])),
  // Patterns that trust addresses on the internet (config/rules.ts trustedProxyPattern).
  "tomcat.internalProxies": of({ ...f.javaRegex(), bad: [...f.javaRegex().bad, ".*", "\\d+\\.\\d+\\.\\d+\\.\\d+", "[0-9a-f:.]+"] }),
  "apim.hostname": of({ ...f.hostName(), good: [...f.hostName().good, "10.0.0.7"] }),
  "apim.gatewayPort": of(f.integer(1, 65535)),
  "apim.servicesHost": of(withBad(f.optionalHostOrIp(), ["169.254.169.254", "::ffff:169.254.169.254", "fe80::1", "metadata.google.internal"])),
  "apim.servicesPort": of(f.integer(1, 65535)),
  "apim.namespace": of(f.dnsLabel(true)),
  "apim.configTemplates": of(f.text(["", "config-templates/apim"])),

  "caching.scenario": of(f.integer(1, 5), { "obkm:caching.acceptStaleAuthorization": "true", "obkm:caching.lowLatencyNetwork": "true" }),
  "caching.acceptStaleAuthorization": of(f.boolean()),
  "caching.timeoutSeconds": of(f.integer(1, 86400)),
  "caching.allowLongTimeout": of(f.boolean()),
  "caching.lowLatencyNetwork": of(f.boolean()),
  "caching.securityCaches": of(f.list(["NoSuchCache", "oauthcache", "", "OAuthCache "], ["[]", json(["OAuthCache", "AppInfoCache"])])),
  "caching.cacheOverrides": of(
    f.list(
      [
        "OAuthCache",
        "OAuthCache.timeout=abc",
        "NoSuchCache.enabled=true",
        "OAuthCache.enabled=maybe",
        "OAuthCache.timeout=-1",
        "OAuthCache.timeout=86401",
        "=",
        "",
      ],
      ["[]", json(["OAuthCache.timeout=60", "AppInfoCache.enabled=false"])],
    ),
  ),

  ...keystore("signing"),
  ...keystore("internal"),
  ...keystore("tls"),
  "keys.signing.kid": of(kid()),
  "keys.sandboxSigning.alias": of(alias()),
  "keys.sandboxSigning.kid": of(kid()),
  "keys.tls.issuer": of(f.dnsSubdomain(true)),
  "keys.tls.issuerKind": of(f.oneOf(["ClusterIssuer", "Issuer"])),
  "keys.trust.caBundles": of(f.list(bundle(), ["[]", json(["configMap:bank-ca/ca.crt", "secret:db-ca/ca.crt"])])),
  "keys.trust.databaseCa": of(f.pattern(bundle(), [" ", "*", "@"], ["", "secret:bank-db-ca/ca.crt", "configMap:bank-ca/ca.crt"])),
  "keys.rotation": of(f.pattern([""], ["\u0001"], ["1", "2026-12"])),

  "database.type": of(f.oneOf(["mysql", "postgresql", "mssql", "oracle"])),
  "database.layout": of(f.oneOf(["openBanking", "clustering"])),
  "database.provision": of({ ...f.boolean(), good: ["true"] }, { "obkm:database.host": "" }),
  // Empty: every datasource names its own host.
  "database.host": of(
    mysqlHost(),
    Object.fromEntries(["um", "am", "config", "reg", "common", "ob"].map((d) => [`obkm:database.${d}.host`, "db.bank.example"])),
  ),
  "database.port": of(f.integer(0, 65535)),
  "database.username": of({ ...withBad(identifier(false), ["root"]), good: identifier(false).good.filter((g) => g !== "") }),
  "database.password": of(f.text(["", "S3cret-pw", "p&ss<w>rd'\""])),
  // The dev stack's engine is MySQL: parameters joined with '&', each name=value (database-checks.ts).
  "database.urlParameters": of(
    f.pattern(
      ["useSSL=true &x=1", " a", "a\tb", "useSSL=true;requireSSL=true", "useSSL", "=x"],
      [" ", "\t", "\u00a0"],
      ["", "useSSL=true&requireSSL=true"],
    ),
  ),
  "database.driverClassName": of(
    f.pattern(
      ["Driver", "com..mysql", "com.mysql.", "1com.x", "com.my-sql.Driver", ".com.x"],
      [" ", "-", "/", "@", "*"],
      ["", "com.mysql.cj.jdbc.Driver"],
    ),
  ),
  "database.driverImage": of(f.imageReference(true)),
  "database.waitSeconds": of(f.integer(10, 3600)),
  "database.pool.maxActive": of(f.integer(1, 1000), { "obkm:database.pool.minIdle": "0" }),
  // 0 is the engine's default; below 10 no KM starts (config/database-keys.ts).
  "database.maxConnections": of({ ...withBad(f.integer(0, 100000), ["1", "9"]), good: ["0", "10", "1000", "100000"] }),
  "database.pool.maxWait": of(f.integer(1000, 600000)),
  "database.pool.minIdle": of(f.integer(0, 1000), { "obkm:database.pool.maxActive": "1000" }),
  "database.pool.validationInterval": of(f.integer(1000, 3600000)),
  "database.provisionImage": of(f.imageReference(true)),
  "database.provisionStorageSize": of(f.byteQuantity(1024, 16 * 1024 * 1024, ["10Gi", "1Gi"])),
  ...datasource("um"),
  ...datasource("am"),
  ...datasource("config"),
  ...datasource("reg"),
  ...datasource("common"),
  ...datasource("ob"),

  "openBanking.specification": of(f.oneOf(["UK", "BERLIN", "AU"])),
  "openBanking.packHosts": of(f.list(["Local Host", "", "a_b", "*", "-obam", "obam:9443", "https://obam"], ["[]", json(["localhost", "obam"])])),
  // A Node image of a maintained line, its tag naming the version (config/editor-image.ts).
  "openBanking.editorImage": of({
    ...withBad(f.imageReference(false), [
      "node:20.20.2-alpine",
      "node:18.20.4",
      "node:25.1.0",
      "busybox:1.36.1",
      "r.example/obkm:1.4.0",
      "node:lts-alpine",
    ]),
    good: ["node:24.19.0-alpine", "node:22.23.2-alpine3.24", "registry.bank.example/mirror/node:26.1.0"],
  }),

  // A port needs its host, and a host its port (config/proxy-checks.ts).
  "httpProxy.host": of(
    { ...f.optionalHostOrIp(), bad: [...f.optionalHostOrIp().bad, "proxy.10"] },
    { "obkm:httpProxy.port": "3128", "obkm:networkPolicy.egressCidrs": json(["10.0.0.0/8"]) },
  ),
  // 0 (no proxy) is a good value alone and refused with a host, so the good values are 1 to 65535.
  "httpProxy.port": of({ ...f.integer(0, 65535), good: f.integer(1, 65535).good }, { "obkm:httpProxy.host": "10.0.0.9" }),
  "httpProxy.nonProxyHosts": of(f.list(["a b", "*", "a|b", "**.bank", "a*b", ""], ["[]", json(["*.bank.internal", "10.*"])])),
  adminUsername: of(
    f.pattern(["", "ad", "a b", "a<b", "a&b", "a".repeat(65), "'admin'"], [" ", "<", ">", "&", '"', "'"], ["admin@wso2.com", "admin"]),
  ),
  // user-mgt.xml's PasswordJavaRegEx of the bundled templates: ^[\S]{5,30}$ (tests/user-store-rules.test.ts).
  adminPassword: of({ ...f.text(["", "Adm1n-Secret", "p&ss<w>rd"]), bad: [...f.text([]).bad, "x", "pass word", "P".repeat(31)] }),
  credentialRotation: of(f.text(["", "2026-01", "CHG-42"])),
  "userStore.type": of(f.oneOf(["jdbc", "ldap"]), {
    "obkm:userStore.ldap.url": "ldaps://ldap.bank.example:636",
    "obkm:userStore.ldap.bindDn": "uid=obkm,ou=system,dc=bank,dc=example",
    "obkm:userStore.ldap.bindPassword": "Bind-Secret1",
    "obkm:userStore.ldap.userSearchBase": "ou=users,dc=bank,dc=example",
    "obkm:userStore.ldap.groupSearchBase": "ou=groups,dc=bank,dc=example",
  }),
  "userStore.ldap.url": of(
    f.pattern(
      // What JNDI refuses or misreads (config/ldap-url.ts): user information, a port out of range, an open bracket.
      [
        "http://ldap",
        "ldap://",
        "ldaps://a b",
        "ldap:/x",
        "LDAP://x",
        "ldap://u:pw@ldap.bank.example",
        "ldap://ldap.bank.example:99999",
        "ldap://[x",
        "ldap://fd00::1",
      ],
      [" ", "\t", "@", "["],
      ["", "ldaps://ldap.bank.example:636", "ldaps://[fd00::10]:636"],
    ),
  ),
  "userStore.ldap.bindDn": of(f.text(["", "uid=obkm,ou=system,dc=bank,dc=example"])),
  "userStore.ldap.bindPassword": of(f.text(["", "Bind-Secret1"])),
  "userStore.ldap.userSearchBase": of(f.text(["", "ou=users,dc=bank,dc=example"])),
  "userStore.ldap.groupSearchBase": of(f.text(["", "ou=groups,dc=bank,dc=example"])),
  "userStore.ldap.readOnly": of(f.boolean()),
  "userStore.ldap.userNameAttribute": of(
    f.pattern(["", "1uid", "u id", "uid;x", "uid=x"], [" ", ";", "=", ",", "é"], ["uid", "sAMAccountName", "cn"]),
  ),
};
