// A bank's forward proxy for the nodes' internet calls: what a stack may set, what is refused, and what the
// nodes are told. The NetworkPolicy's side is in egress.test.ts; the JVM's own reading of the options in
// integration/http-proxy.test.ts.
import { nonProxyHosts, proxyEndpoints, proxyJavaOptions } from "../plan/http-proxy";
import { names } from "../plan/names";
import { loadMinimal, minimalProblems } from "./helpers/cli-config";
import { PROD_EXTERNAL } from "./helpers/k8s-validate";
import { validateObjects } from "./helpers/k8s-validate-cache";
import { plannedOf } from "./helpers/plan";
import { objectOf, render } from "./helpers/render";

const proxyOptions = async (sets: string[], stack = "prod") => {
  const env = objectOf(await render(sets, stack), "StatefulSet", "obkm-km").spec.template.spec.containers[0].env;
  return env.find((e: any) => e.name === "OBKM_PROXY_JAVA_OPTS")?.value as string | undefined;
};

describe("the forward proxy's keys", () => {
  it("take a host name or an IP address and a port", () => {
    for (const host of ["proxy.bank.example", "10.30.9.9", "fd00::9"]) {
      expect(loadMinimal({ "obkm:httpProxy.host": host, "obkm:httpProxy.port": "3128" }).config.httpProxy).toEqual({
        host,
        port: 3128,
        nonProxyHosts: [],
      });
    }
    expect(loadMinimal({}).config.httpProxy).toBeUndefined();
  });

  it("refuse a host that is neither a host name nor an IP address, naming the key", () => {
    for (const host of ["http://proxy.bank.example:3128", "proxy", "Proxy.Bank.Example", "proxy.bank.example:3128", "10.30.9.300"]) {
      expect(minimalProblems({ "obkm:httpProxy.host": host, "obkm:httpProxy.port": "3128" })).toEqual([
        `obkm:httpProxy.host: got ${JSON.stringify(host)}; expected empty (no proxy) or the proxy's fully qualified host name in lower case, such as proxy.bank.example, or its IP address`,
      ]);
    }
  });

  it("refuse a proxy without its port, and a port out of range", () => {
    // the JVM would fall back to 80 for http and 443 for https (DefaultProxySelector.defaultPort)
    expect(minimalProblems({ "obkm:httpProxy.host": "proxy.bank.example" })).toEqual([
      `obkm:httpProxy.port: got 0 with obkm:httpProxy.host "proxy.bank.example"; expected the proxy's port, from 1 to 65535`,
    ]);
    expect(minimalProblems({ "obkm:httpProxy.host": "proxy.bank.example", "obkm:httpProxy.port": "65536" })).toEqual([
      "obkm:httpProxy.port: got 65536; expected an integer from 0 to 65535",
    ]);
  });

  it("refuse a non-proxy host the JVM would misread: a '|', a space, a '*' inside or alone", () => {
    for (const entry of ["a.example|b.example", "a .example", "*", "*.bank.*", "a*b.example", "https://x.example"]) {
      expect(
        minimalProblems({
          "obkm:httpProxy.host": "proxy.bank.example",
          "obkm:httpProxy.port": "3128",
          "obkm:httpProxy.nonProxyHosts": JSON.stringify([entry]),
        }),
      ).toEqual([
        `obkm:httpProxy.nonProxyHosts: got ${JSON.stringify([entry])}; expected a list of host names or IP addresses, or patterns with one * at the start or the end, such as [*.bank.internal, 10.*] (${JSON.stringify(entry)} is not one)`,
      ]);
    }
    expect(() =>
      loadMinimal({
        "obkm:httpProxy.host": "proxy.bank.example",
        "obkm:httpProxy.port": "3128",
        "obkm:httpProxy.nonProxyHosts": '["*.bank.internal","10.*","ldap01","[fd00::1]"]',
      }),
    ).not.toThrow();
  });

  it("warn that the egress ranges do nothing once the proxy and every other server are addresses or Services", () => {
    const proxied = ["httpProxy.host=10.30.9.9", "httpProxy.port=3128", "database.host=10.30.4.10", "apim.hostname=gw.apim.svc.cluster.local"];
    expect(plannedOf(proxied).plan.warnings).toContain(
      "obkm:networkPolicy.egressCidrs is set but has no effect: httpProxy.host carries the internet calls, and every other server the nodes call is a Service of the cluster or an IP address.",
    );
    // a proxy known by name needs them
    expect(plannedOf(["httpProxy.host=proxy.bank.example", ...proxied.slice(1)]).plan.warnings.join("\n")).not.toContain("egressCidrs");
  });

  it("warn that the port and the non-proxy hosts do nothing without a proxy host", () => {
    expect(loadMinimal({ "obkm:httpProxy.port": "3128", "obkm:httpProxy.nonProxyHosts": '["*.bank.internal"]' }).warnings).toEqual([
      "obkm:httpProxy.nonProxyHosts is set but has no effect: httpProxy.host is empty, so the nodes use no proxy.",
      "obkm:httpProxy.port is set but has no effect: httpProxy.host is empty, so the nodes use no proxy.",
    ]);
  });
});

describe("the nodes' JVM", () => {
  it("is given no proxy unless one is set", async () => {
    // The prod example names its proxy; without it, the stack says the KM fetches no JWKS from the internet.
    expect(await proxyOptions(["httpProxy.host=", "httpProxy.port=0", "openBanking.directoryJwks=false"])).toBeUndefined();
  });

  it("is told the proxy for http and https, and the hosts it calls directly: the cluster's, the bank's and the stack's own", async () => {
    const options = await proxyOptions(
      [
        "httpProxy.host=proxy.bank.example",
        "httpProxy.port=8080",
        "httpProxy.nonProxyHosts[0]=*.bank.internal",
        "httpProxy.nonProxyHosts[1]=localhost",
        "userStore.type=ldap",
        "userStore.ldap.url=ldaps://[fd00::7]:636",
        "userStore.ldap.bindDn=cn=km",
        "userStore.ldap.userSearchBase=ou=users",
        "userStore.ldap.groupSearchBase=ou=groups",
        "userStore.ldap.bindPassword=B1ndSecret-ldap",
      ],
      "prod",
    );
    // no whitespace inside an option: wso2server.sh splits $JAVA_OPTS at whitespace
    expect(options!.split(" ")).toEqual([
      "-Dhttp.proxyHost=proxy.bank.example",
      "-Dhttp.proxyPort=8080",
      "-Dhttps.proxyHost=proxy.bank.example",
      "-Dhttps.proxyPort=8080",
      expect.stringMatching(/^-Dhttp\.nonProxyHosts=/),
    ]);
    const entries = options!.split(" ")[4].slice("-Dhttp.nonProxyHosts=".length).split("|");
    // loopback (the JDK's default, which the property replaces), every name of the cluster, the KM's public
    // host (reached through the ingress controller), the gateway, the database and LDAP, the stack's own
    expect(entries).toEqual(
      expect.arrayContaining([
        "localhost",
        "127.*",
        "[::1]",
        "*.svc",
        "*.cluster.local",
        "obkm-km",
        "obkm-km-headless",
        "km.openbanking.bank.example",
        "gw.openbanking.bank.example",
        "obkm-db.pg.bank.example",
        "[fd00::7]",
        "*.bank.internal",
      ]),
    );
    // each once: JDK 8 stops reading the list at a duplicate
    expect(entries.filter((e) => e === "localhost")).toHaveLength(1);
  });

  it("is started with the options added to the image's own JAVA_OPTS", async () => {
    const start = (await render(["httpProxy.host=proxy.bank.example", "httpProxy.port=3128"], "prod")).files["bin/start.sh"];
    expect(start).toContain('export JAVA_OPTS="${JAVA_OPTS:+$JAVA_OPTS }$OBKM_PROXY_JAVA_OPTS"');
    expect(start.indexOf("OBKM_PROXY_JAVA_OPTS")).toBeLessThan(start.indexOf('exec "$KM_HOME/bin/wso2server.sh"'));
  });

  it("renders valid objects with a proxy", async () => {
    const r = await render(["httpProxy.host=10.30.9.9", "httpProxy.port=3128", "httpProxy.nonProxyHosts[0]=*.bank.internal"], "prod");
    expect(validateObjects(r.objects, PROD_EXTERNAL)).toEqual([]);
  });
});

describe("plan/http-proxy.ts", () => {
  const proxy = { "obkm:httpProxy.host": "proxy.bank.example", "obkm:httpProxy.port": "3128" };
  const setUp = (extra: Record<string, string> = {}) => {
    const config = loadMinimal(extra).config;
    return { config, n: names(config) };
  };
  const server = (host: string) => ({ host, port: 1, what: "a server", key: "some.key" });

  it("is an endpoint the NetworkPolicy must let out only when there is a proxy", () => {
    expect(proxyEndpoints(setUp().config)).toEqual([]);
    expect(proxyEndpoints(setUp(proxy).config)).toEqual([expect.objectContaining({ host: "proxy.bank.example", port: 3128, key: "httpProxy.host" })]);
  });

  it("gives the JVM no options without a proxy, and without whitespace inside an option with one", () => {
    const none = setUp();
    expect(proxyJavaOptions(none.config, none.n, [])).toBeUndefined();
    const { config, n } = setUp(proxy);
    // http.proxyPort and https.proxyPort default to 80 and 443 (DefaultProxySelector): both are set.
    expect(proxyJavaOptions(config, n, [])!.split(" ")).toEqual([
      "-Dhttp.proxyHost=proxy.bank.example",
      "-Dhttp.proxyPort=3128",
      "-Dhttps.proxyHost=proxy.bank.example",
      "-Dhttps.proxyPort=3128",
      `-Dhttp.nonProxyHosts=${nonProxyHosts(config, n, []).join("|")}`,
    ]);
  });

  it("calls directly loopback, the cluster's names under its domain, the KM's and the gateway's hosts, the servers and the stack's own", () => {
    const { config, n } = setUp({ ...proxy, "obkm:clusterDomain": "corp.internal", "obkm:httpProxy.nonProxyHosts": '["*.bank.internal"]' });
    expect(nonProxyHosts(config, n, [server("db.bank.example"), server("10.1.2.3")])).toEqual([
      // The JDK's own default, which setting the property replaces.
      "localhost",
      "127.*",
      "[::1]",
      "*.svc",
      "*.corp.internal",
      n.service,
      n.headlessService,
      "km.bank.example",
      "gw.bank.example",
      "db.bank.example",
      "10.1.2.3",
      "*.bank.internal",
    ]);
  });

  it("writes an IPv6 server as a URL writes its host, lower-cased, and each entry once, where JDK 8 would stop reading", () => {
    const { config, n } = setUp(proxy);
    const hosts = nonProxyHosts(config, n, [server("fd00::7"), server("DB.Bank.Example"), server("db.bank.example"), server("km.bank.example")]);
    expect(hosts).toContain("[fd00::7]");
    expect(hosts).toContain("db.bank.example");
    expect(hosts).not.toContain("DB.Bank.Example");
    expect(new Set(hosts).size).toBe(hosts.length);
  });
});
