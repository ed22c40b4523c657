// The NetworkPolicy lets out exactly what a node calls: every server the rendered node files name is
// evaluated against the rendered policy, so a new endpoint can never be silently blocked; and a stack whose
// endpoints cannot be let out is refused with the key to set.
import { Call, CALLS } from "../flows/calls";
import { ConfigError } from "../config/problems";
import { checkEgress, egressEndpoints, egressWarnings, peerOf } from "../plan/egress";
import type { Endpoint as ServerEndpoint } from "../plan/egress";
import { labels, names } from "../plan/names";
import { networkPolicyManifest } from "../plan/network-policy";
import { Rendered } from "../render/render";
import { planStackFromTexts } from "../plan-from-config";
import { PROJECT_DIR } from "../project-dir";
import { cliConfig, loadMinimal } from "./helpers/cli-config";
import { allowed, direct, Endpoint, jvmProperty, proxyNamed, reachable } from "./helpers/network-policy-eval";
import { nodeFile, objectOf, parse, render, textOf } from "./helpers/render";

/** Every server the node files name: JDBC URLs, the LDAP URL, and http(s) URLs with a host. */
function endpointsNamed(r: Rendered): Endpoint[] {
  const found: Endpoint[] = [];
  for (const url of textOf(parse(nodeFile(r, "datasources/master-datasources.xml")), "url")) {
    const m = /^jdbc:(?:mysql|postgresql|sqlserver):\/\/([^:/;]+):(\d+)/.exec(url);
    if (m) found.push({ host: m[1], port: Number(m[2]), from: "master-datasources.xml" });
  }
  for (const url of textOf(parse(r.files["conf/user-mgt.xml"] ?? nodeFile(r, "user-mgt.xml")), "Property").filter((t) => /^ldaps?:\/\//.test(t))) {
    const u = new URL(url);
    found.push({ host: u.hostname, port: Number(u.port) || (u.protocol === "ldaps:" ? 636 : 389), from: "user-mgt.xml" });
  }
  for (const [file, content] of Object.entries(r.files).filter(([f]) => f.startsWith("conf/") && f.endsWith(".xml"))) {
    for (const m of content.matchAll(/\/\/([a-z0-9.-]+\.[a-z]{2,})(?::(\d+))?\//g)) {
      if (m[1].endsWith("wso2.org") || m[1].endsWith("apache.org") || m[1].endsWith("w3.org")) continue; // namespaces, not calls
      // The KM's own Service: its URLs there (introspection, discovery, WebFinger) are the API Manager's to
      // call, inside the cluster (the call map's cluster route); tests/flows.test.ts walks those calls.
      if (
        m[1] ===
        objectOf(r, "Service", "obkm-km").metadata.name + "." + objectOf(r, "Service", "obkm-km").metadata.namespace + ".svc.cluster.local"
      )
        continue;
      found.push({ host: m[1], port: Number(m[2] ?? 443), from: file, http: true });
    }
  }
  return found;
}

describe("the NetworkPolicy's egress", () => {
  let dev: Rendered;
  let prod: Rendered;
  beforeAll(async () => {
    [dev, prod] = await Promise.all([render(), render([], "prod")]);
  });

  it.each(["dev", "prod"])("lets out every server the %s stack's node files name", (stack) => {
    const r = stack === "dev" ? dev : prod;
    const endpoints = endpointsNamed(r);
    expect(endpoints.length).toBeGreaterThan(3);
    // The prod example sends its internet calls through its forward proxy: those must reach the proxy.
    expect(endpoints.filter((e) => !reachable(r, e))).toEqual([]);
  });

  it("lets a Service of the cluster out by its namespace and an IP address by itself, each on its own port only", async () => {
    const r = await render(
      [
        "database.host=pg.databases.svc.cluster.local",
        "userStore.type=ldap",
        "userStore.ldap.url=ldaps://10.1.2.3:636",
        "userStore.ldap.bindDn=cn=km",
        "userStore.ldap.userSearchBase=ou=users",
        "userStore.ldap.groupSearchBase=ou=groups",
        "userStore.ldap.bindPassword=B1ndSecret-ldap",
      ],
      "prod",
    );
    const egress = objectOf(r, "NetworkPolicy", "obkm-km").spec.egress;
    expect(egress).toContainEqual({
      to: [{ namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "databases" } } }],
      ports: [{ port: 5432, protocol: "TCP" }],
    });
    expect(egress).toContainEqual({ to: [{ ipBlock: { cidr: "10.1.2.3/32" } }], ports: [{ port: 636, protocol: "TCP" }] });
    expect(endpointsNamed(r).filter((e) => !reachable(r, e))).toEqual([]);
    // Not the database's port to the gateway's ranges, nor the gateway's to the database's namespace.
    expect(allowed(r, { host: "pg.databases.svc.cluster.local", port: 8243, from: "test" })).toBe(false);
    expect(allowed(r, { host: "10.1.2.3", port: 5432, from: "test" })).toBe(false);
  });

  describe("with a forward proxy for the internet calls", () => {
    const proxied = (host: string, extra: string[] = []) => render([`httpProxy.host=${host}`, "httpProxy.port=3128", ...extra], "prod");

    it("lets out the proxy the nodes are told to use, on its port, and every server the node files name", async () => {
      for (const host of ["proxy.bank.example", "squid.egress.svc.cluster.local", "10.30.9.9"]) {
        const r = await proxied(host);
        const proxy = proxyNamed(r)!;
        expect(proxy).toEqual({ host, port: 3128, from: "JAVA_OPTS" });
        expect(allowed(r, proxy)).toBe(true);
        expect(endpointsNamed(r).filter((e) => !reachable(r, e))).toEqual([]);
        // only on its own port
        expect(allowed(r, { ...proxy, port: 8080 })).toBe(false);
      }
    });

    it("sends only the internet calls to it: the KM's own public host, the gateway and the cluster's names are called directly", async () => {
      const r = await proxied("proxy.bank.example", ["httpProxy.nonProxyHosts[0]=*.bank.internal"]);
      for (const host of [
        "km.openbanking.bank.example",
        "gw.openbanking.bank.example",
        "obkm-km.openbanking-km.svc.cluster.local",
        "obkm-km-0.obkm-km-headless.openbanking-km.svc.cluster.local",
        "obkm-km",
        "localhost",
        "127.0.0.1",
        "ldap.bank.internal",
        "GW.OPENBANKING.BANK.EXAMPLE",
      ]) {
        expect([host, direct(r, host)]).toEqual([host, true]);
      }
      for (const host of ["keystore.openbankingtest.org.uk", "accounts.google.com", "bank.example"])
        expect([host, direct(r, host)]).toEqual([host, false]);
      // each entry once: JDK 8 stops reading the list at a duplicate (RegexpPool.add throws, the selector's catch ends its loop)
      const entries = jvmProperty(r, "http.nonProxyHosts")!.split("|");
      expect(new Set(entries).size).toBe(entries.length);
      // the same for http and https, on the same proxy
      expect(jvmProperty(r, "http.proxyHost")).toBe("proxy.bank.example");
      expect(jvmProperty(r, "http.proxyPort")).toBe("3128");
    });

    it("lets a proxy in the cluster out by its namespace and one by address by itself, not through the ranges", async () => {
      const egress = async (host: string) => objectOf(await proxied(host), "NetworkPolicy", "obkm-km").spec.egress;
      expect(await egress("squid.egress.svc.cluster.local")).toContainEqual({
        to: [{ namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "egress" } } }],
        ports: [{ port: 3128, protocol: "TCP" }],
      });
      expect(await egress("10.30.9.9")).toContainEqual({ to: [{ ipBlock: { cidr: "10.30.9.9/32" } }], ports: [{ port: 3128, protocol: "TCP" }] });
    });

    it("no longer opens 443 to the egress ranges: the directory's JWKS is reached through the proxy", async () => {
      const ranged = (r: Rendered) =>
        objectOf(r, "NetworkPolicy", "obkm-km")
          .spec.egress.filter((rule: any) => rule.to?.some((peer: any) => peer.ipBlock?.cidr === "10.30.4.0/24"))
          .flatMap((rule: any) => rule.ports.map((p: any) => p.port));
      // Without the prod example's proxy, and with a public range beside its private one, 443 goes out there.
      const direct = await render(["httpProxy.host=", "httpProxy.port=0", "networkPolicy.egressCidrs[1]=9.0.0.0/8"], "prod");
      expect(ranged(direct)).toContain(443);
      // the database and the gateway (8243, and its servlet on 9443) are known by name: their ports stay, and
      // the proxy's joins them
      expect(ranged(await proxied("proxy.bank.example")).sort()).toEqual([3128, 5432, 8243, 9443]);
      expect(ranged(await proxied("10.30.9.9")).sort()).toEqual([5432, 8243, 9443]);
      expect(allowed(await proxied("10.30.9.9"), { host: "directory.openbanking.org.uk", port: 443, from: "test" })).toBe(false);
    });
  });

  it("is what the evaluation above relies on: a blocked endpoint is seen as blocked", () => {
    expect(allowed(prod, { host: "obkm-db.pg.bank.example", port: 3306, from: "test" })).toBe(false);
    expect(allowed(prod, { host: "other.elsewhere.svc.cluster.local", port: 5432, from: "test" })).toBe(false);
  });
});

describe("a stack whose servers the NetworkPolicy cannot let out", () => {
  const base = {
    "obkm:hostname": "km.bank.example",
    "obkm:image": "registry.bank.example/wso2/obkm:1.4.0",
    "obkm:apim.hostname": "gw.bank.example",
    "obkm:database.host": "db.bank.example",
  };
  const plan = (extra: Record<string, string>) => planStackFromTexts(cliConfig({ ...base, ...extra }), { stack: "dev", projectDir: PROJECT_DIR });

  it("is refused, naming each server, the key that names it, and the key to set", () => {
    expect(() => plan({})).toThrow(
      "obkm:networkPolicy.egressCidrs: is empty, but the nodes call db.bank.example:3306 (the database (JDBC), database.host), gw.bank.example:8243 (the API Manager's gateway, apim.hostname), gw.bank.example:9443 (the API Manager's services, apim.servicesHost); expected the address ranges those names resolve to",
    );
  });

  it("is refused when the proxy is known by name only, naming the proxy's key", () => {
    const inCluster = { "obkm:database.host": "10.30.4.10", "obkm:apim.hostname": "gw.apim.svc.cluster.local" };
    expect(() => plan({ ...inCluster, "obkm:httpProxy.host": "proxy.bank.example", "obkm:httpProxy.port": "3128" })).toThrow(
      "obkm:networkPolicy.egressCidrs: is empty, but the nodes call proxy.bank.example:3128 (the HTTP proxy, for the OB directory's JWKS and other internet calls, httpProxy.host); expected the address ranges those names resolve to",
    );
    expect(() => plan({ ...inCluster, "obkm:httpProxy.host": "10.30.9.9", "obkm:httpProxy.port": "3128" })).not.toThrow();
  });

  it("is accepted when every server is an address or a Service of the cluster, or the policy is off", () => {
    expect(() => plan({ "obkm:database.host": "10.30.4.10", "obkm:apim.hostname": "gw.apim.svc.cluster.local" })).not.toThrow();
    expect(() => plan({ "obkm:networkPolicy.enabled": "false" })).not.toThrow();
  });

  it("warns, accepted, when nothing lets the nodes out to the internet, so the OB directory's JWKS is out of reach", () => {
    const inside = { "obkm:database.host": "10.30.4.10", "obkm:apim.hostname": "gw.apim.svc.cluster.local" };
    const jwks = expect.stringContaining("cannot fetch the OB directory's JWKS (443)");
    expect(plan(inside).warnings).toContainEqual(jwks);
    // A proxy, or ranges, or no policy at all: the internet is reachable, and nothing is said.
    const ways: Array<Record<string, string>> = [
      { "obkm:httpProxy.host": "10.30.9.9", "obkm:httpProxy.port": "3128" },
      { "obkm:networkPolicy.egressCidrs": JSON.stringify(["0.0.0.0/0"]) },
      { "obkm:networkPolicy.enabled": "false" },
    ];
    for (const extra of ways) {
      expect(plan({ ...inside, ...extra }).warnings).not.toContainEqual(jwks);
    }
  });
});

/** The calls every stack has (flows/calls.ts); the conditional ones are the call map's tests'. */
const ALWAYS = CALLS.filter((c) => c.when === "always");
/** The same, less a node's own calls to the KM Service, which the tests of those add where they mean them. */
const NOT_OWN = ALWAYS.filter((c) => !(c.caller === "km" && c.route === "cluster"));

describe("plan/egress.ts", () => {
  const ldap = {
    "obkm:userStore.type": "ldap",
    "obkm:userStore.ldap.bindDn": "cn=km,dc=bank",
    "obkm:userStore.ldap.bindPassword": "pw-Secret1",
    "obkm:userStore.ldap.userSearchBase": "ou=people,dc=bank",
    "obkm:userStore.ldap.groupSearchBase": "ou=groups,dc=bank",
  };
  const db = { host: "db.bank.example", port: 3306 };
  const endpoint = (host: string, port = 1234) => ({ host, port, what: "a server", key: "some.key" });
  const setUp = (extra: Record<string, string> = {}) => {
    const config = loadMinimal(extra).config;
    return { config, n: names(config) };
  };

  it("lists the database servers, the LDAP store on its URL's port or the scheme's, the gateway, and the API Manager's services", () => {
    const { config } = setUp({ ...ldap, "obkm:userStore.ldap.url": "ldaps://ldap.bank.example" });
    expect(egressEndpoints(config, names(config), [db], ALWAYS)).toEqual([
      { ...db, what: "the database (JDBC)", key: "database.host" },
      // RFC 4516 (LDAP URLs): 389 by default; ldaps on IANA's 636.
      { host: "ldap.bank.example", port: 636, what: "the LDAP user store", key: "userStore.ldap.url" },
      { host: "gw.bank.example", port: 8243, what: "the API Manager's gateway", key: "apim.hostname" },
      { host: "gw.bank.example", port: 9443, what: "the API Manager's services", key: "apim.servicesHost" },
    ]);
    const ldapOf = (url: string) =>
      egressEndpoints(setUp({ ...ldap, "obkm:userStore.ldap.url": url }).config, setUp().n, [], ALWAYS).find((e) => e.key === "userStore.ldap.url");
    expect(ldapOf("ldap://ldap.bank.example")).toMatchObject({ port: 389 });
    expect(ldapOf("ldaps://ldap.bank.example:3269")).toMatchObject({ port: 3269 });
  });

  it("names the API Manager's services apart only when they are not the gateway's host and port", () => {
    const { config } = setUp({ "obkm:apim.servicesPort": "8243" });
    expect(egressEndpoints(config, names(config), [], ALWAYS).map((e) => e.key)).toEqual(["apim.hostname"]);
  });

  it("lets out a call that takes its host from another route on that host, with its own route's port", () => {
    // The consent portal calls the gateway's port (apimNioPort) on the API Manager's host (apimHost).
    const { config, n } = setUp({ "obkm:apim.servicesHost": "apim.apim.svc" });
    const endpoints = egressEndpoints(config, n, [], ALWAYS);
    expect(endpoints).toContainEqual({ host: "apim.apim.svc", port: 8243, what: "the API Manager's gateway", key: "apim.servicesHost" });
    expect(endpoints).toContainEqual({ host: "gw.bank.example", port: 8243, what: "the API Manager's gateway", key: "apim.hostname" });
  });

  it("calls out only on the routes a call of the stack takes", () => {
    const { config, n } = setUp();
    // Without the KM's calls to the API Manager (a map where only the browser and the gateway call), neither is let out.
    const inboundOnly = ALWAYS.filter((c) => c.caller !== "km");
    expect(egressEndpoints(config, n, [db], inboundOnly).map((e) => e.what)).toEqual(["the database (JDBC)"]);
  });

  it("lets out a Service of the cluster by its namespace, an address by itself, and a host name only through the ranges", () => {
    const { config, n } = setUp({ "obkm:clusterDomain": "corp.internal" });
    expect(peerOf(endpoint("gw.apim.svc"), config, n)).toEqual({ kind: "namespace", namespace: "apim" });
    expect(peerOf(endpoint("gw.apim.svc.corp.internal"), config, n)).toEqual({ kind: "namespace", namespace: "apim" });
    // Another cluster domain's name is not this cluster's Service: only DNS knows where it goes.
    expect(peerOf(endpoint("gw.apim.svc.cluster.local"), config, n)).toEqual({ kind: "ranges" });
    expect(peerOf(endpoint("10.30.4.10"), config, n)).toEqual({ kind: "address", cidr: "10.30.4.10/32" });
    // An IPv6 address written short, as RFC 5952 (section 4) writes it.
    expect(peerOf(endpoint("fd00:0:0::7"), config, n)).toEqual({ kind: "address", cidr: "fd00::7/128" });
    expect(peerOf(endpoint("db.bank.example"), config, n)).toEqual({ kind: "ranges" });
  });

  it("lets out the provisioned database by its pods", () => {
    const { config, n } = setUp({ "obkm:database.provision": "true", "obkm:database.host": "" });
    expect(peerOf(endpoint(n.databaseServiceDnsName, 3306), config, n)).toEqual({ kind: "provisioned-database" });
  });

  it("refuses servers known by name without networkPolicy.egressCidrs, naming each and the key to set", () => {
    const { config, n } = setUp({ "obkm:networkPolicy.egressCidrs": "[]" });
    const call = () =>
      checkEgress(config, n, [
        endpoint("10.1.1.1"),
        { host: "ldap.bank.example", port: 636, what: "the LDAP user store", key: "userStore.ldap.url" },
      ]);
    expect(call).toThrow(ConfigError);
    expect(call).toThrow(
      "obkm:networkPolicy.egressCidrs: is empty, but the nodes call ldap.bank.example:636 (the LDAP user store, userStore.ldap.url); expected the address ranges those names resolve to",
    );
    expect(() => checkEgress(config, n, [endpoint("10.1.1.1"), endpoint("gw.apim.svc")])).not.toThrow();
    expect(() => checkEgress(setUp().config, n, [endpoint("db.bank.example")])).not.toThrow();
    const off = setUp({ "obkm:networkPolicy.egressCidrs": "[]", "obkm:networkPolicy.enabled": "false" });
    expect(() => checkEgress(off.config, off.n, [endpoint("db.bank.example")])).not.toThrow();
  });

  it("warns when nothing lets the nodes out to the internet, and when the ranges serve no server past the proxy", () => {
    const proxy = { "obkm:httpProxy.host": "10.9.9.9", "obkm:httpProxy.port": "3128" };
    const inside = [endpoint("10.1.1.1"), endpoint("gw.apim.svc")];
    const warnings = (extra: Record<string, string>, endpoints = inside) => {
      const { config, n } = setUp(extra);
      return egressWarnings(config, n, endpoints);
    };
    const jwks = expect.stringContaining("cannot fetch the OB directory's JWKS (443)");
    expect(warnings({ "obkm:networkPolicy.egressCidrs": "[]" })).toEqual([jwks]);
    // A private range reaches no directory on the internet either, nor does a documentation range (RFC 5737);
    // a public one does.
    expect(warnings({})).toEqual([jwks]);
    expect(warnings({ "obkm:networkPolicy.egressCidrs": '["10.0.0.0/8", "198.51.100.0/24"]' })).toEqual([jwks]);
    expect(warnings({ "obkm:networkPolicy.egressCidrs": '["10.0.0.0/8", "9.0.0.0/8"]' })).toEqual([]);
    expect(warnings({ "obkm:openBanking.directoryJwks": "false" })).toEqual([]);
    expect(warnings(proxy)).toEqual([expect.stringContaining("obkm:networkPolicy.egressCidrs is set but has no effect")]);
    // The ranges still carry a server known by name, or there is no proxy and they carry the internet calls.
    expect(warnings(proxy, [...inside, endpoint("ldap.bank.example")])).toEqual([]);
    expect(warnings({ ...proxy, "obkm:networkPolicy.egressCidrs": "[]" })).toEqual([]);
    expect(warnings({ "obkm:networkPolicy.enabled": "false", "obkm:networkPolicy.egressCidrs": "[]" })).toEqual([]);
  });
});

describe("plan/network-policy.ts", () => {
  const planned = (
    extra: Record<string, string> = {},
    clustering = true,
    database?: { podLabels: Record<string, string>; port: number },
    endpoints: ServerEndpoint[] = [],
    calls: readonly Call[] = NOT_OWN,
  ) => {
    const config = loadMinimal({ "obkm:networkPolicy.allowedNamespaces": '["payments"]', ...extra }).config;
    const n = names(config);
    const l = labels(config);
    return { n, l, policy: networkPolicyManifest(config, n, l.common, l.selector, clustering, database, endpoints, calls) as any };
  };
  const server = (host: string, port: number) => ({ host, port, what: "a server", key: "some.key" });
  const tcp = (port: number) => ({ port, protocol: "TCP" });
  const ns = (name: string) => ({ namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": name } } });

  it("is not made where networkPolicy.enabled is false", () => {
    expect(planned({ "obkm:networkPolicy.enabled": "false" }).policy).toBeUndefined();
  });

  it("admits Hazelcast from this stack's KM pods only when they cluster, and HTTPS from the ingress controller and the allowed namespaces", () => {
    const { l, policy } = planned();
    expect(policy.spec.podSelector).toEqual({ matchLabels: l.selector });
    expect(policy.spec.policyTypes).toEqual(["Ingress", "Egress"]);
    // The calls through the Ingresses come from the controller; the gateway's and the API Manager's from
    // their namespace; all on 9446, where the Service sends both. No call uses plain HTTP (9766).
    expect(policy.spec.ingress).toEqual([
      { from: [{ podSelector: { matchLabels: l.selector } }], ports: [tcp(4000)] },
      { from: [ns("ingress-nginx")], ports: [tcp(9446)] },
      { from: [ns("payments")], ports: [tcp(9446)] },
    ]);
    // A node's own call to the KM Service reaches any node: the nodes let each other in, and out, on 9446.
    const own: Call = { ...ALWAYS.find((c) => c.route === "cluster")!, id: "km.own", caller: "km" };
    const withOwn = planned({}, true, undefined, [], [...NOT_OWN, own]).policy.spec;
    expect(withOwn.ingress).toContainEqual({ from: [{ podSelector: { matchLabels: l.selector } }], ports: [tcp(9446)] });
    expect(withOwn.egress).toContainEqual({ to: [{ podSelector: { matchLabels: l.selector } }], ports: [tcp(9446)] });
    expect(policy.spec.egress).not.toContainEqual({ to: [{ podSelector: { matchLabels: l.selector } }], ports: [tcp(9446)] });
    expect(policy.spec.ingress).not.toContainEqual({ from: [{ podSelector: { matchLabels: l.selector } }], ports: [tcp(9446)] });
    // A map without calls inside the cluster lets no namespace in but the controller's.
    const browserOnly = planned(
      {},
      true,
      undefined,
      [],
      ALWAYS.filter((c) => c.route !== "cluster"),
    ).policy.spec.ingress;
    expect(browserOnly.slice(1)).toEqual([{ from: [ns("ingress-nginx")], ports: [tcp(9446)] }]);
    const unclustered = planned({}, false).policy.spec;
    expect(JSON.stringify([unclustered.ingress, unclustered.egress])).not.toContain("4000");
  });

  it("lets out DNS, the peers, the ingress controller and the provisioned database by its pods", () => {
    const { l, policy } = planned({}, true, { podLabels: { db: "yes" }, port: 5432 });
    expect(policy.spec.egress!.slice(0, 4)).toEqual([
      { ports: [{ port: 53, protocol: "UDP" }, tcp(53)] },
      { to: [{ podSelector: { matchLabels: l.selector } }], ports: [tcp(4000)] },
      { to: [ns("ingress-nginx")], ports: [tcp(443), tcp(80)] },
      { to: [{ podSelector: { matchLabels: { db: "yes" } } }], ports: [tcp(5432)] },
    ]);
  });

  it("lets each server out on its own ports: one rule per namespace and per address, one for the ranges with 443 for the internet", () => {
    const endpoints = [server("a.apim.svc", 9443), server("b.apim.svc", 8243), server("10.2.3.4", 3306), server("db.bank.example", 5432)];
    const egress = planned({ "obkm:networkPolicy.egressCidrs": '["10.0.0.0/8", "192.0.2.0/24"]' }, true, undefined, endpoints).policy.spec.egress!;
    expect(egress.slice(3)).toEqual([
      { to: [{ ipBlock: { cidr: "10.2.3.4/32" } }], ports: [tcp(3306)] },
      { to: [ns("apim")], ports: [tcp(8243), tcp(9443)] },
      { to: [{ ipBlock: { cidr: "10.0.0.0/8" } }, { ipBlock: { cidr: "192.0.2.0/24" } }], ports: [tcp(443), tcp(5432)] },
    ]);
  });

  it("with a proxy, opens the ranges only on the ports of servers known by name, and never writes a rule without ports", () => {
    // An empty ports list matches every port (NetworkPolicyEgressRule.ports, k8s.io/api networking/v1 types.go).
    const proxy = { "obkm:httpProxy.host": "10.9.9.9", "obkm:httpProxy.port": "3128", "obkm:networkPolicy.egressCidrs": '["10.0.0.0/8"]' };
    const onlyAddresses = planned(proxy, true, undefined, [server("10.9.9.9", 3128)]).policy.spec.egress!;
    expect(onlyAddresses.slice(3)).toEqual([{ to: [{ ipBlock: { cidr: "10.9.9.9/32" } }], ports: [tcp(3128)] }]);
    const named = planned(proxy, true, undefined, [server("ldap.bank.example", 636)]).policy.spec.egress!;
    expect(named.slice(3)).toEqual([{ to: [{ ipBlock: { cidr: "10.0.0.0/8" } }], ports: [tcp(636)] }]);
    for (const rule of [...onlyAddresses, ...named]) if ("to" in rule) expect(rule.ports!.length).toBeGreaterThan(0);
  });
});
