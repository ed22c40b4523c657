// Every config key's family of values (tests/bad-input/families.ts), by what finally reads the value. A key
// whose rule is a plain integer range, boolean or list of words takes its family from the rule
// (rule-families.ts); any other key missing here fails tests/bad-input.test.ts: a new key is not done until
// its bad values are refused.
import * as f from "./families";
import { Family } from "./families";
import { familyOfRule } from "./rule-families";
import { configKeys, keyNames } from "../../config/keys";
import { scenario, SCENARIO_NUMBERS } from "../../config/caching-scenarios";
import { NO_PROXY, pinned } from "./stack-bases";

export interface KeyCase {
  family: Family;
  /** Further settings a good value needs to be accepted as a whole (never given with the bad ones). */
  goodWith?: Record<string, string>;
  /** On a stack other than dev, settings after goodWith that let the value alone decide a rule of that kind of stack. */
  nonDevWith?: Record<string, string>;
}

const json = (list: unknown[]) => JSON.stringify(list);
const of = (family: Family, goodWith?: Record<string, string>, nonDevWith?: Record<string, string>): KeyCase => ({ family, goodWith, nonDevWith });

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
  [`database.${d}.username`]: of(withBad(identifier(true), IN_USE.includes(d) ? ["root"] : [])),
  [`database.${d}.password`]: of(f.text(["", "S3cret-pw", "p&ss<w>rd'\""])),
});

const keystore = (role: string): Record<string, KeyCase> => ({
  [`keystores.${role}.secret`]: of(f.dnsSubdomain(true), { [`obkm:keystores.${role}.alias`]: "ob" }),
  [`keystores.${role}.alias`]: of(alias()),
  [`keystores.${role}.file`]: of(dataKey(true)),
  [`keystores.${role}.passwordSecret`]: of(f.dnsSubdomain(true)),
  [`keystores.${role}.passwordKey`]: of(dataKey(false)),
});

const FROM_RULES: Record<string, KeyCase> = Object.fromEntries(
  keyNames.flatMap((key) => {
    const family = familyOfRule(configKeys[key].rule);
    return family ? [[key, of(family)]] : [];
  }),
);

// Pinned by digest, as a stack other than dev runs it (stack-bases.ts).
const METRICS_ON = { "obkm:metrics.exporterImage": pinned("r.example/jmx:1.6.0", "3"), "obkm:metrics.exporterJar": "/agent.jar" };

export const KEY_CASES: Record<string, KeyCase> = {
  ...FROM_RULES,
  // Metrics on need the exporter's image and jar (config/monitoring-checks.ts).
  "metrics.enabled": of(f.boolean(), METRICS_ON),
  "metrics.exporterImage": of(f.imageReference(true)),
  "metrics.exporterJar": of(
    f.pattern(
      ["agent.jar", "/agent", "/a b.jar", "/a$b.jar", "/agent.jar/", "/x/../a;b.jar"],
      [" ", "$", ";", "'", "*"],
      ["", "/agent.jar", "/opt/jmx_prometheus_javaagent-1.6.0.jar"],
    ),
  ),
  // The node's own ports are refused with metrics on (tests/monitoring.test.ts); off, any in the range is.
  "metrics.port": of(f.integer(1024, 65535)),
  "metrics.namespace": of(f.dnsLabel(false)),
  "metrics.labels": of(
    f.list(
      ["release", "=x", "a b=c", "release=a b", "-a=b", `a=${"b".repeat(64)}`, "a/=b", "Bad_Prefix/a=b"],
      ["[]", json(["release=kube-prometheus-stack", "team.bank.example/owner=iam"])],
    ),
  ),
  "metrics.dashboardLabel": of(
    f.pattern(["", "grafana_dashboard", "=1", "a b=1", "a=b c", "a=-1-"], [" ", "*", "\\", "@"], ["grafana_dashboard=1", "dash="]),
  ),
  hostname: of(f.ingressHostName()),
  image: of(f.imageReference(false)),
  replicas: of(f.integer(1, 50), { "obkm:highAvailability": "false" }),
  // Good only with more nodes than the canary: every value of the range then holds some nodes back.
  "rollout.canaryNodes": of(familyOfRule(configKeys["rollout.canaryNodes"].rule)!, { "obkm:replicas": "50" }),
  // "default" is accepted with a warning (config/risk-warnings.ts).
  namespace: of({ ...f.dnsLabel(true), bad: [...f.dnsLabel(true).bad, "kube-system", "kube-public", "kube-node-lease"] }),
  namePrefix: of(f.rfc1035Label(40)),
  clusterDomain: of(f.dnsDomain()),
  // Blanks name no context (config/cluster-checks.ts).
  "cluster.context": of(withBad(f.text(["", "kind-dev", "arn:aws:eks:eu-west-1:1:cluster/km", "ctx with spaces"]), [" ", "   "])),
  // The provider's clusterIdentifier: a cloud's cluster ID or an API server's URL, no spaces (config/rules.ts).
  "cluster.identifier": of(
    f.pattern(
      ["prod cluster", "a".repeat(254), "é", "a\tb", " "],
      [" ", "é", "\t", "\u00a0"],
      ["", "arn:aws:eks:eu-west-1:1:cluster/km", "https://10.0.0.1:6443", "gke_bank_europe-west1_prod"],
    ),
  ),
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
  imagePullSecrets: of(f.dnsSubdomainList()),
  "networkPolicy.ingressControllerNamespace": of(f.dnsLabel(false)),
  "networkPolicy.allowedNamespaces": of(f.dnsLabelList()),
  // The gateway (apim.hostname) is known by name: the NetworkPolicy needs ranges, so an empty list is refused.
  // On a stack other than dev, without the base's proxy, a list of private ranges leaves no way to the OB
  // directory's JWKS (config/internet-egress-checks.ts); one with a public range does.
  "networkPolicy.egressCidrs": of(f.cidrList([json(["10.0.0.0/8"]), json(["fd00::/64", "192.0.2.7/32"])]), undefined, NO_PROXY),

  "ingress.className": of(f.dnsSubdomain(false)),
  "ingress.cookieName": of(
    f.pattern(["", "OBKM ROUTE", "a;b", "a=b", "a".repeat(65), "é", "a,b"], [" ", ";", "=", ",", "é", '"', "@"], ["OBKM_ROUTE", "route-1"]),
  ),
  "ingress.proxyBufferSize": of(f.nginxSize()),
  "ingress.tlsSecret": of(f.dnsSubdomain(true)),
  "ingress.clusterIssuer": of(f.dnsSubdomain(true)),
  "ingress.consoleAllowedCidrs": of(f.cidrList()),
  "ingress.extraPublicPaths": of(
    f.list(
      [
        ...["api", "/a b", "/a//b", "/a/..", "/a/./b", "/a%2fb", "/a%2F", "/a?b", "/a#b", "", "*"],
        // Inside the console's paths, holding or under an internal one, or Carbon's tenant form (config/ingress-paths.ts).
        ...["/carbon", "/carbon/", "/carbon/admin", "/ccportal/x", "/", "/oauth2", "/services/x", "/api", "/t", "/t/bank.example/carbon"],
      ],
      ["[]", json(["/smsotpauthenticationendpoint", "/authenticationendpoint", "/carbonx", "/carbo%6e", "/oauth2/authorize/x"])],
    ),
  ),
  // Never link-local, where the cloud metadata service answers (config/address-checks.ts).
  hostAliasIp: of(withBad(f.optionalIpAddress(), ["169.254.169.254", "fe80::1", "0.0.0.0", "::", "255.255.255.255", "224.0.0.1"])),
  // Ranges and patterns that trust addresses on the internet (config/trusted-proxies.ts), and a pattern that
  // misses the samples the previous guard tried (tests/trusted-proxies.test.ts).
  "tomcat.trustedProxies": of(
    f.list(["0.0.0.0/0", "10.0.0.0/33", "8.8.8.0/24", "172.16.0.0/11", "2002::/16", "10.0.0.0", "x"], ["[]", json(["10.42.0.0/16", "fd00::/8"])]),
  ),
  "tomcat.internalProxies": of({
    ...f.javaRegex(),
    bad: [
      ...f.javaRegex().bad.filter((re) => re !== ""),
      ".*",
      "\\d+\\.\\d+\\.\\d+\\.\\d+",
      "[0-9a-f:.]+",
      "\\d+\\.\\d+\\.\\d+\\.(?:[04-9]|\\d{2,3})",
    ],
    good: ["", ...f.javaRegex().good],
  }),
  // Written into the KM's URLs: "10.1" would be read as an address there (config/rules.ts hostNameOrIpv4).
  "apim.hostname": of(f.hostNameOrIpv4()),
  "apim.servicesHost": of(withBad(f.optionalHostOrIp(), ["169.254.169.254", "::ffff:169.254.169.254", "fe80::1", "metadata.google.internal"])),
  "apim.namespace": of(f.dnsLabel(true)),
  "apim.configTemplates": of(f.text(["", "config-templates/apim"])),

  // The scenarios are the table's (tests/caching.test.ts holds the table to the guide's); a good one is
  // accepted with every acknowledgement a scenario of the table asks for.
  "caching.scenario": of(
    f.integer(1, SCENARIO_NUMBERS.length),
    Object.fromEntries(SCENARIO_NUMBERS.flatMap((n) => scenario(n).requires ?? []).map((a) => [`obkm:${a.key}`, "true"])),
  ),
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
  "keystores.signing.kid": of(kid()),
  "keystores.sandboxSigning.alias": of(alias()),
  "keystores.sandboxSigning.kid": of(kid()),
  "keystores.tls.issuer": of(f.dnsSubdomain(true)),
  "keystores.trust.caBundles": of(f.list(bundle(), ["[]", json(["configMap:bank-ca/ca.crt", "secret:db-ca/ca.crt"])])),
  "keystores.trust.databaseCa": of(f.pattern(bundle(), [" ", "*", "@"], ["", "secret:bank-db-ca/ca.crt", "configMap:bank-ca/ca.crt"])),
  "keystores.rotation": of(f.pattern([""], ["\u0001"], ["1", "2026-12"])),

  "database.provision": of({ ...f.boolean(), good: ["true"] }, { "obkm:database.host": "" }),
  // Empty: every datasource names its own host.
  "database.host": of(
    mysqlHost(),
    Object.fromEntries(["um", "am", "config", "reg", "common", "ob"].map((d) => [`obkm:database.${d}.host`, "db.bank.example"])),
  ),
  "database.username": of({ ...withBad(identifier(false), ["root"]), good: identifier(false).good.filter((g) => g !== "") }),
  "database.password": of(f.text(["", "S3cret-pw", "p&ss<w>rd'\""])),
  // The dev stack's engine is MySQL: parameters joined with '&', each name=value (database-checks.ts).
  "database.urlParameters": of(
    f.pattern(
      [
        ...["useSSL=true &x=1", " a", "a\tb", "useSSL=true;requireSSL=true", "useSSL", "=x", "useSSL=true&x=100%"],
        // Dangerous driver features and parameters the program sets (config/jdbc-parameters.ts); TLS-weakening
        // ones are the dev stack's to use, and tests/jdbc-parameters.test.ts has them refused elsewhere.
        ...["autoDeserialize=true", "allowLoadLocalInfile=true", "useSSL=true&allowUrlInLocalInfile=yes", "DBNAME=mysql", "user=root", "password=x"],
      ],
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
  "database.pool.maxActive": of(f.integer(1, 1000), { "obkm:database.pool.minIdle": "0" }),
  // 0 is the engine's default; below 10 no KM starts (config/database-keys.ts).
  "database.maxConnections": of({ ...withBad(f.integer(0, 100000), ["1", "9"]), good: ["0", "10", "1000", "100000"] }),
  "database.pool.minIdle": of(f.integer(0, 1000), { "obkm:database.pool.maxActive": "1000" }),
  "database.provisionImage": of(f.imageReference(true)),
  "database.provisionStorageSize": of(f.byteQuantity(1024, 16 * 1024 * 1024, ["10Gi", "1Gi"])),
  ...datasource("um"),
  ...datasource("am"),
  ...datasource("config"),
  ...datasource("reg"),
  ...datasource("common"),
  ...datasource("ob"),

  "openBanking.consentAppClientSecret": of(f.dnsSubdomain(true)),
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

  // Whether the KM fetches the OB directory's JWKS; false only changes the NetworkPolicy's 443 and the checks.
  "openBanking.directoryJwks": of(f.boolean(), undefined, NO_PROXY),
  // The bank's BI server: a host the nodes call, never the metadata service (config/address-checks.ts).
  "biServer.host": of({ ...f.optionalHostOrIp(), bad: [...f.optionalHostOrIp().bad, "169.254.169.254", "metadata.google.internal"] }),
  // Its ports act only with its host; data publishing's login port is its own plus 100, at most 65535.
  "biServer.dataPublishingPort": of(f.integer(1, 65435), { "obkm:biServer.host": "obbi.bank.internal" }),
  "biServer.receiverPort": of(f.integer(1, 65535), { "obkm:biServer.host": "obbi.bank.internal" }),
  "biServer.invalidSubmissionsPort": of(f.integer(1, 65535), { "obkm:biServer.host": "obbi.bank.internal" }),

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
  // user-mgt.xml's PasswordJavaRegEx of the bundled templates: ^[\S]{5,30}$ (tests/user-store-patterns.test.ts).
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
  "userStore.ldap.userNameAttribute": of(
    f.pattern(["", "1uid", "u id", "uid;x", "uid=x"], [" ", ";", "=", ",", "é"], ["uid", "sAMAccountName", "cn"]),
  ),
};
