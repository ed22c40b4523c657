// The NetworkPolicy lets out exactly what a node calls: every server the rendered node files name is
// evaluated against the rendered policy, so a new endpoint can never be silently blocked; and a stack whose
// endpoints cannot be let out is refused with the key to set.
import * as ipaddr from "ipaddr.js";
import { Rendered } from "../render/render";
import { planFromConfigTexts } from "../api";
import { PROJECT_DIR } from "../project-dir";
import { cliConfig } from "./helpers/cli-config";
import { nodeFile, objectOf, objectsOf, parse, render, textOf } from "./helpers/render";

interface Endpoint {
  host: string;
  port: number;
  from: string;
}

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
      found.push({ host: m[1], port: Number(m[2] ?? 443), from: file });
    }
  }
  return found;
}

/**
 * Does a NetworkPolicy egress rule let a node reach the endpoint? As the API server's rules read: a rule's
 * ports, and its peers: pods of the namespace by labels (a Service's name resolved to its selector), other
 * namespaces by name (a Service's DNS name), address blocks (an address inside; a host known by name only
 * is taken to resolve inside the configured ranges, which is what networkPolicy.egressCidrs means).
 */
function allowed(r: Rendered, endpoint: Endpoint): boolean {
  const policy = objectOf(r, "NetworkPolicy", "obkm-km");
  const ns = policy.metadata.namespace;
  const service = /^([a-z0-9-]+)\.([a-z0-9-]+)\.svc(\.|$)/.exec(endpoint.host);
  const hostname = objectOf(r, "Ingress", "obkm-km").spec.rules[0].host;
  return policy.spec.egress.some((rule: any) => {
    if (rule.ports && !rule.ports.some((p: any) => p.port === endpoint.port && (p.protocol ?? "TCP") === "TCP")) return false;
    if (!rule.to) return true;
    return rule.to.some((peer: any) => {
      if (peer.podSelector && !peer.namespaceSelector) {
        // The Service's pods: those of the StatefulSet its selector picks.
        if (!service || service[2] !== ns) return false;
        const target = objectsOf(r, "Service").find((s: any) => s.metadata.name === service[1]) as any;
        const within = (labels: Record<string, string>, of: Record<string, string>) => Object.entries(labels).every(([k, v]) => of[k] === v);
        const pods = (objectsOf(r, "StatefulSet") as any[])
          .map((sts) => sts.spec.template.metadata.labels)
          .find((l) => target && within(target.spec.selector, l));
        return pods !== undefined && within(peer.podSelector.matchLabels, pods);
      }
      if (peer.namespaceSelector) {
        const name = peer.namespaceSelector.matchLabels["kubernetes.io/metadata.name"];
        // The public host is the ingress controller's; a Service's DNS name is its namespace's.
        return endpoint.host === hostname ? name === "ingress-nginx" : service?.[2] === name;
      }
      if (peer.ipBlock) {
        if (ipaddr.isValid(endpoint.host)) {
          const [range, bits] = ipaddr.parseCIDR(peer.ipBlock.cidr);
          const address = ipaddr.parse(endpoint.host);
          return address.kind() === range.kind() && address.match(range, bits);
        }
        return !service && endpoint.host !== hostname;
      }
      return false;
    });
  });
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
    expect(endpoints.filter((e) => !allowed(r, e))).toEqual([]);
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
    expect(endpointsNamed(r).filter((e) => !allowed(r, e))).toEqual([]);
    // Not the database's port to the gateway's ranges, nor the gateway's to the database's namespace.
    expect(allowed(r, { host: "pg.databases.svc.cluster.local", port: 8243, from: "test" })).toBe(false);
    expect(allowed(r, { host: "10.1.2.3", port: 5432, from: "test" })).toBe(false);
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
  const plan = (extra: Record<string, string>) => planFromConfigTexts(cliConfig({ ...base, ...extra }), { stack: "dev", projectDir: PROJECT_DIR });

  it("is refused, naming each server, the key that names it, and the key to set", () => {
    expect(() => plan({})).toThrow(
      "obkm:networkPolicy.egressCidrs: is empty, but the nodes call db.bank.example:3306 (the database (JDBC), database.host), gw.bank.example:8243 (the API Manager's gateway, apim.hostname), gw.bank.example:9443 (the API Manager's services, apim.servicesHost); expected the address ranges those names resolve to",
    );
  });

  it("is accepted when every server is an address or a Service of the cluster, or the policy is off", () => {
    expect(() => plan({ "obkm:database.host": "10.30.4.10", "obkm:apim.hostname": "gw.apim.svc.cluster.local" })).not.toThrow();
    expect(() => plan({ "obkm:networkPolicy.enabled": "false" })).not.toThrow();
  });
});
