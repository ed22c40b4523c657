// The load-balancer edge: ingress-nginx with sticky sessions and TLS, a restricted management console,
// proxy-aware Tomcat, the KM's public URLs, and the OB API Manager pointed at the cluster.
import { createHash } from "crypto";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as YAML from "yaml";
import { PRIVATE_RANGES } from "../config/trusted-proxies";
import { cidrsRegex } from "../lib/address-regex";
import { ingresses } from "../plan/ingress";
import { CALLS } from "../flows/calls";
import { names } from "../plan/names";
import { Rendered } from "../render/render";
import { BUNDLED_APIM_TEMPLATES } from "../xml/templates";
import { loadMinimal } from "./helpers/cli-config";
import { PROD_EXTERNAL } from "./helpers/k8s-validate";
import { validateObjects } from "./helpers/k8s-validate-cache";
import { planOf } from "./helpers/plan";
import { elements, nodeFile, objectOf, objectsOf, parse, render, textOf, xmllintErrors } from "./helpers/render";

const NGINX = "nginx.ingress.kubernetes.io";
let dev: Rendered;
let prod: Rendered;
beforeAll(async () => {
  dev = await render();
  prod = await render([], "prod");
});

const mainIngress = (r: Rendered) => objectOf(r, "Ingress", "obkm-km");

describe("the Ingress", () => {
  it("sends the paths it publishes to the KM Service's HTTPS servlet port, re-encrypting to it", () => {
    const ingress = mainIngress(dev);
    expect(ingress.spec.ingressClassName).toBe("nginx");
    expect(ingress.spec.rules).toHaveLength(1);
    expect(ingress.spec.rules[0].host).toBe("km.dev.obkm.example.com");
    for (const p of ingress.spec.rules[0].http.paths) {
      expect(p).toEqual({ path: p.path, pathType: "Prefix", backend: { service: { name: "obkm-km", port: { name: "servlet-https" } } } });
    }
    expect(ingress.metadata.annotations[`${NGINX}/backend-protocol`]).toBe("HTTPS");
    const service = objectOf(dev, "Service", "obkm-km");
    expect(service.spec.ports.find((p: any) => p.name === "servlet-https").port).toBe(9446);
  });

  it("uses the IngressClass from config", async () => {
    expect(mainIngress(await render(["ingress.className=nginx-internal"])).spec.ingressClassName).toBe("nginx-internal");
  });

  it("keeps SSO and the management console working with sticky sessions: cookie affinity, persistent by default", () => {
    expect(mainIngress(dev).metadata.annotations).toMatchObject({
      [`${NGINX}/affinity`]: "cookie",
      [`${NGINX}/affinity-mode`]: "persistent",
      [`${NGINX}/session-cookie-name`]: "OBKM_ROUTE",
      [`${NGINX}/session-cookie-path`]: "/",
      [`${NGINX}/session-cookie-secure`]: "true",
      [`${NGINX}/session-cookie-samesite`]: "None",
      [`${NGINX}/session-cookie-change-on-failure`]: "true",
    });
  });

  it("keeps the sticky cookie on SSO's cross-site POSTs unless told otherwise, and takes its name and mode from config", async () => {
    const annotations = mainIngress(await render(["ingress.cookieName=KM_NODE", "ingress.affinityMode=balanced", "ingress.cookieSameSite=Lax"]))
      .metadata.annotations;
    expect([
      annotations[`${NGINX}/session-cookie-name`],
      annotations[`${NGINX}/affinity-mode`],
      annotations[`${NGINX}/session-cookie-samesite`],
    ]).toEqual(["KM_NODE", "balanced", "Lax"]);
  });

  it("gives the KM's long redirects a 16k header buffer on every Ingress (the controller's default is 4k), sized by config", async () => {
    const variants = [dev, await render(["ingress.consoleAllowedCidrs[0]=10.0.0.0/8"])];
    for (const ingress of variants.flatMap((r) => objectsOf(r, "Ingress"))) {
      expect((ingress.metadata as any).annotations[`${NGINX}/proxy-buffer-size`]).toBe("16k");
    }
    expect(mainIngress(await render(["ingress.proxyBufferSize=32k"])).metadata.annotations[`${NGINX}/proxy-buffer-size`]).toBe("32k");
    for (const bad of ["2k", "16kb", "4g", "0"]) {
      await expect(render([`ingress.proxyBufferSize=${bad}`])).rejects.toThrow(
        new RegExp(`obkm:ingress.proxyBufferSize: got "${bad}"; expected a size as nginx reads it, such as 16k or 1m, from 4k to 1m`),
      );
    }
  });

  it("never uses ssl-passthrough, which would cancel cookie affinity", async () => {
    const variants = [dev, prod, await render(["ingress.tlsSecret=km-tls", "ingress.consoleAllowedCidrs[0]=10.0.0.0/8"])];
    for (const ingress of variants.flatMap((r) => objectsOf(r, "Ingress"))) {
      expect(Object.keys((ingress.metadata as any).annotations).filter((a) => a.includes("ssl-passthrough"))).toEqual([]);
    }
  });

  it("refuses a cookie name that is not an HTTP token", async () => {
    await expect(render(["ingress.cookieName=my cookie"])).rejects.toThrow(/obkm:ingress.cookieName: got "my cookie"/);
  });
});

describe("TLS", () => {
  it("terminates TLS with the Secret named in config", async () => {
    expect(mainIngress(await render(["ingress.tlsSecret=km-public-tls"])).spec.tls).toEqual([
      { hosts: ["km.dev.obkm.example.com"], secretName: "km-public-tls" },
    ]);
  });

  it("asks cert-manager's ClusterIssuer for a certificate, once, when an issuer is named", () => {
    const ingress = mainIngress(prod);
    expect(ingress.metadata.annotations["cert-manager.io/cluster-issuer"]).toBe("letsencrypt-prod");
    expect(ingress.spec.tls).toEqual([{ hosts: ["km.openbanking.bank.example"], secretName: "obkm-km-tls" }]);
    const console = objectOf(prod, "Ingress", "obkm-km-console");
    expect(console.spec.tls).toEqual(ingress.spec.tls);
    expect(console.metadata.annotations["cert-manager.io/cluster-issuer"]).toBeUndefined();
  });

  it("in dev, with neither, still serves the host over HTTPS with the controller's default certificate", () => {
    expect(mainIngress(dev).spec.tls).toEqual([{ hosts: ["km.dev.obkm.example.com"] }]);
  });

  it("refuses both a Secret and an issuer", async () => {
    await expect(render(["ingress.tlsSecret=a", "ingress.clusterIssuer=b"])).rejects.toThrow(
      /obkm:ingress.clusterIssuer: got "b" with obkm:ingress.tlsSecret "a"; expected one of the two/,
    );
  });
});

describe("the management console", () => {
  it("is restricted to the configured source ranges on an Ingress of its own, with the customer care portal, still sticky, in prod", () => {
    const console = objectOf(prod, "Ingress", "obkm-km-console");
    const backend = { service: { name: "obkm-km", port: { name: "servlet-https" } } };
    expect(console.spec.rules[0].http.paths).toEqual([
      { path: "/carbon", pathType: "Prefix", backend },
      { path: "/ccportal", pathType: "Prefix", backend },
    ]);
    expect(console.metadata.annotations[`${NGINX}/allowlist-source-range`]).toBe("10.20.0.0/16,172.24.8.0/22");
    expect(console.metadata.annotations[`${NGINX}/affinity`]).toBe("cookie");
  });

  it("leaves the published paths public: the main Ingress has no allowlist", () => {
    expect(Object.keys(mainIngress(prod).metadata.annotations).filter((a) => a.includes("source-range"))).toEqual([]);
  });

  it("has no Ingress of its own when no ranges are configured", () => {
    expect(objectsOf(dev, "Ingress").map((i) => i.metadata.name)).toEqual(["obkm-km"]);
  });

  it("refuses a range that is not a CIDR", async () => {
    await expect(render(["ingress.consoleAllowedCidrs[0]=10.0.0.0/33"])).rejects.toThrow(
      /obkm:ingress.consoleAllowedCidrs: got \["10.0.0.0\/33"\]; expected a list of CIDR ranges/,
    );
  });
});

describe("catalina-server.xml behind the proxy", () => {
  const connector = (doc: any, port: string) => elements(doc, "Connector", { port })[0];

  it("gives the HTTPS connector proxyPort 443 and the HTTP connector proxyPort 80", () => {
    const doc = parse(nodeFile(dev, "tomcat/catalina-server.xml"));
    expect(connector(doc, "9443").getAttribute("proxyPort")).toBe("443");
    expect(connector(doc, "9763").getAttribute("proxyPort")).toBe("80");
  });

  it("adds one RemoteIpValve that trusts X-Forwarded-* from the private address ranges by default", () => {
    const valves = elements(parse(nodeFile(dev, "tomcat/catalina-server.xml")), "Valve", { className: "org.apache.catalina.valves.RemoteIpValve" });
    expect(valves).toHaveLength(1);
    const valve = valves[0];
    expect([valve.getAttribute("remoteIpHeader"), valve.getAttribute("proxiesHeader"), valve.getAttribute("protocolHeader")]).toEqual([
      "x-forwarded-for",
      "x-forwarded-by",
      "x-forwarded-proto",
    ]);
    const trusted = new RegExp(`^(?:${valve.getAttribute("internalProxies")})$`);
    for (const ip of ["10.244.1.7", "172.16.0.1", "172.31.255.255", "192.168.3.4", "127.0.0.1"]) expect(trusted.test(ip)).toBe(true);
    for (const ip of ["8.8.8.8", "172.32.0.1", "11.0.0.1"]) expect(trusted.test(ip)).toBe(false);
    expect(valve.getAttribute("internalProxies")).toBe(cidrsRegex(PRIVATE_RANGES));
  });

  it("puts the RemoteIpValve first among the Host's valves, so the access log and the identity valves see the client", () => {
    const doc = parse(nodeFile(dev, "tomcat/catalina-server.xml"));
    const hostValves = elements(doc, "Valve").filter((v) => (v.parentNode as any).localName === "Host");
    expect(hostValves.length).toBeGreaterThan(5);
    expect(hostValves[0].getAttribute("className")).toBe("org.apache.catalina.valves.RemoteIpValve");
  });

  it("takes internalProxies from config", async () => {
    const doc = parse(nodeFile(await render(["tomcat.internalProxies=10\\.42\\.\\d+\\.\\d+"]), "tomcat/catalina-server.xml"));
    expect(elements(doc, "Valve", { className: "org.apache.catalina.valves.RemoteIpValve" })[0].getAttribute("internalProxies")).toBe(
      "10\\.42\\.\\d+\\.\\d+",
    );
  });

  it("refuses a pattern that trusts an address on the internet, whose forged X-Forwarded-For Tomcat would believe", () => {
    // Tomcat compares the peer's address as Java writes it, IPv6 in full (RemoteIpValve.invoke); the address
    // shown is the first public one the pattern matches, in the order of length and then of the characters
    // 0-9, a-f, '.', ':' (config/trusted-proxies.ts publicMatch).
    for (const [pattern, trusted] of [
      [".*", "1.0.0.0"],
      ["\\d+\\.\\d+\\.\\d+\\.\\d+", "1.0.0.0"],
      // a private range and a public one beside it: 9.0.0.0/8 is IBM's
      ["10\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}|9\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}", "9.0.0.0"],
      // one /16 too wide at the edge of 172.16.0.0/12
      ["172\\.(?:1[5-9]|2\\d|3[01])\\.\\d+\\.\\d+", "172.15.0.0"],
      ["10\\..*|2001:.*", "2001:0:0:0:0:0:0:0"],
    ]) {
      expect(() => planOf([`tomcat.internalProxies=${pattern}`], "dev")).toThrow(
        `obkm:tomcat.internalProxies: got ${JSON.stringify(pattern)}; expected empty (tomcat.trustedProxies decides), or a Java regular expression that matches no address on the internet (this one matches ${trusted}, whose X-Forwarded-For`,
      );
    }
  });

  it("stays well-formed", async () => {
    expect(await xmllintErrors("catalina-server.xml", nodeFile(dev, "tomcat/catalina-server.xml"))).toEqual([]);
  });
});

describe("the KM's endpoint URLs", () => {
  it("point identity.xml's URLs where their callers reach them: the browser's at the public host, the TPP's at the gateway, the API Manager's at the KM Service", () => {
    const doc = parse(nodeFile(prod, "identity/identity.xml"));
    const ingress = objectOf(prod, "Ingress", "obkm-km");
    const service = objectOf(prod, "Service", "obkm-km");
    const lb = `https://${ingress.spec.rules[0].host}`;
    const gw = "https://gw.openbanking.bank.example:8243";
    const svc = `https://${service.metadata.name}.${service.metadata.namespace}.svc.cluster.local:9446`;
    const pack = "${carbon.protocol}://${carbon.host}:${carbon.management.port}";
    const expected: Record<string, string> = {
      // OAuth 1.0a and the session-check iframe: no OB flow calls them, so the pack's value stays.
      OAuth1RequestTokenUrl: `${pack}/oauth/request-token`,
      OIDCCheckSessionEPUrl: `${pack}/oidc/checksession`,
      // What a TPP calls, through the gateway's APIs (discovery advertises these).
      OAuth2AuthzEPUrl: `${gw}/authorize`,
      OAuth2TokenEPUrl: `${gw}/token`,
      OAuth2RevokeEPUrl: `${gw}/revoke`,
      OAuth2UserInfoEPUrl: `${gw}/userinfo`,
      OAuth2DCREPUrl: `${gw}/register`,
      // Only the API Manager introspects, and the gateway serves discovery and WebFinger: inside the cluster.
      OAuth2IntrospectEPUrl: `${svc}/oauth2/introspect`,
      OIDCDiscoveryEPUrl: `${svc}/oauth2/oidcdiscovery`,
      OIDCWebFingerEPUrl: `${svc}/.well-known/webfinger`,
      // The browser's pages and the TPP's key set, on the public host, each path as the pack has it.
      OIDCLogoutEPUrl: `${lb}/oidc/logout`,
      OAuth2JWKSPage: `${lb}/oauth2/jwks`,
      OAuth2ConsentPage: `${lb}/ob/authenticationendpoint/oauth2_authz.do`,
      OAuth2ErrorPage: `${lb}/ob/authenticationendpoint/oauth2_error.do`,
      OIDCConsentPage: `${lb}/ob/authenticationendpoint/oauth2_consent.do`,
      OIDCLogoutConsentPage: `${lb}/ob/authenticationendpoint/oauth2_logout_consent.do`,
      OIDCLogoutPage: `${lb}/ob/authenticationendpoint/oauth2_logout.do`,
      DefaultLogoutEndpoint: `${lb}/ob/authenticationendpoint/samlsso_logout.do`,
    };
    for (const [element, url] of Object.entries(expected)) expect({ element, url: textOf(doc, element) }).toEqual({ element, url: [url] });
  });

  it("name the gateway's token endpoint as the issuer of ID tokens, not the pack's localhost", () => {
    expect(textOf(parse(nodeFile(prod, "identity/identity.xml")), "IDTokenIssuerID")).toEqual(["https://gw.openbanking.bank.example:8243/token"]);
  });

  it("take the gateway's port from apim.gatewayPort, leaving out HTTPS's own", async () => {
    expect(textOf(parse(nodeFile(await render(["apim.gatewayPort=443"]), "identity/identity.xml")), "OAuth2TokenEPUrl")).toEqual([
      "https://gw.dev.obkm.example.com/token",
    ]);
    expect(textOf(parse(nodeFile(await render(["apim.gatewayPort=8443"]), "identity/identity.xml")), "OAuth2TokenEPUrl")).toEqual([
      "https://gw.dev.obkm.example.com:8443/token",
    ]);
  });

  it("send the login, retry and missing-claims pages of application-authentication.xml to the load balancer", () => {
    const doc = parse(nodeFile(dev, "identity/application-authentication.xml"));
    expect(textOf(doc, "AuthenticationEndpointURL")).toEqual(["https://km.dev.obkm.example.com/ob/authenticationendpoint/login.do"]);
    expect(textOf(doc, "AuthenticationEndpointRetryURL")).toEqual(["https://km.dev.obkm.example.com/ob/authenticationendpoint/retry.do"]);
    expect(textOf(doc, "AuthenticationEndpointMissingClaimsURL")).toEqual(["/ob/authenticationendpoint/claims.do"]);
  });
});

describe("hostAliases", () => {
  it("maps the public host name to the configured address in every pod", async () => {
    const spec = objectOf(await render(["hostAliasIp=10.96.14.2"]), "StatefulSet", "obkm-km").spec.template.spec;
    expect(spec.hostAliases).toEqual([{ ip: "10.96.14.2", hostnames: ["km.dev.obkm.example.com"] }]);
  });

  it("adds none by default and refuses an address that is not an IP", async () => {
    expect(objectOf(dev, "StatefulSet", "obkm-km").spec.template.spec.hostAliases).toBeUndefined();
    await expect(render(["hostAliasIp=ingress.local"])).rejects.toThrow(
      /obkm:hostAliasIp: got "ingress.local"; expected empty, or an IPv4 or IPv6 address/,
    );
  });
});

describe("the OB API Manager wiring", () => {
  const apimConfigMap = (r: Rendered) => objectOf(r, "ConfigMap", "obkm-apim-key-manager");

  it("renders api-manager.xml pointed at the KM's Service inside the cluster into a ConfigMap in the API Manager's namespace", () => {
    const cm = apimConfigMap(prod);
    expect(cm.metadata.namespace).toBe("openbanking-apim");
    const doc = parse(cm.data["api-manager.xml"]);
    // The public Ingress does not publish the admin services: the API Manager calls them through the Service.
    const services = "https://obkm-km.openbanking-km.svc.cluster.local:9446${carbon.context}services/";
    const serverUrl = (parent: string) => elements(doc, parent)[0].getElementsByTagName("ServerURL")[0].textContent;
    expect(serverUrl("APIKeyManager")).toBe(services);
    expect(serverUrl("APIKeyValidator")).toBe(services);
    expect(serverUrl("AuthManager")).toBe(services);
    // Revocation goes through the gateway (its /revoke API), never to the Key Manager's host.
    expect(textOf(doc, "RevokeAPIURL")).toEqual(["https://gw.openbanking.bank.example:8243/revoke"]);
  });

  it("renders none without apim.namespace", () => {
    expect(objectsOf(dev, "ConfigMap").map((c) => c.metadata.name)).not.toContain("obkm-apim-key-manager");
  });

  it("edits the API Manager's own file when apim.configTemplates names its repository/conf", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "obkm-apim-"));
    const stock = fs.readFileSync(path.join(BUNDLED_APIM_TEMPLATES, "api-manager.xml"), "utf8");
    fs.writeFileSync(path.join(dir, "api-manager.xml"), stock.replace("<APIManager>", "<!-- our OB APIM pack -->\n<APIManager>"));
    const rendered = await render(["apim.namespace=obam", `apim.configTemplates=${dir}`]);
    expect(apimConfigMap(rendered).data["api-manager.xml"]).toContain("<!-- our OB APIM pack -->");
    fs.rmSync(path.join(dir, "api-manager.xml"));
    await expect(render(["apim.namespace=obam", `apim.configTemplates=${dir}`])).rejects.toThrow(
      `obkm:apim.configTemplates: api-manager.xml: no such template in ${dir}; expected a directory laid out as the API Manager pack's repository/conf`,
    );
  });

  it("gives an API Manager stack what it needs through the outputs, including the file's hash to roll its pods", () => {
    const outputs = YAML.parse(prod.files["outputs.yaml"]);
    const content = apimConfigMap(prod).data["api-manager.xml"];
    expect(outputs).toMatchObject({
      publicUrl: "https://km.openbanking.bank.example/",
      hostname: "km.openbanking.bank.example",
      apimHostname: "gw.openbanking.bank.example",
      serviceDnsName: "obkm-km.openbanking-km.svc.cluster.local",
      httpsPort: 9446,
      httpPort: 9766,
      apiManagerConfigMap: {
        namespace: "openbanking-apim",
        name: "obkm-apim-key-manager",
        sha256: createHash("sha256").update(content).digest("hex"),
      },
    });
    expect(apimConfigMap(prod).metadata.annotations["obkm.wso2.com/content-sha256"]).toBe(outputs.apiManagerConfigMap.sha256);
  });
});

describe("every variant", () => {
  it("renders valid objects", async () => {
    const variants = [await render(["ingress.tlsSecret=km-tls", "hostAliasIp=10.96.0.10", "apim.namespace=obam"]), prod];
    for (const r of variants) expect(validateObjects(r.objects, PROD_EXTERNAL)).toEqual([]);
  });
});

describe("plan/ingress.ts", () => {
  /**
   * What the internet must reach in every OB flow: the browser's return to /oauth2/authorize, the login and
   * consent pages, the framework and its session check, OIDC logout, the KM's signing keys (jwks_uri), and
   * the consent portal. The staff's: the console and the customer care portal.
   */
  const BROWSER_PATHS = [
    "/oauth2/authorize",
    "/ob/authenticationendpoint",
    "/commonauth",
    "/logincontext",
    "/oidc/logout",
    "/oauth2/jwks",
    "/consentmgt",
  ];
  const STAFF_PATHS = ["/carbon", "/ccportal"];
  const edge = (extra: Record<string, string> = {}) => {
    const config = loadMinimal(extra).config;
    const n = names(config);
    // The calls every stack has; a stack's own (SMS OTP, the IS pages) are the call map's tests'.
    return {
      n,
      ...ingresses(
        config,
        n,
        { a: "b" },
        CALLS.filter((c) => c.when === "always"),
      ),
    };
  };
  const paths = (ingress: any): string[] => ingress.spec.rules[0].http.paths.map((p: any) => p.path);
  const annotations = (ingress: any): Record<string, string> => ingress.metadata.annotations;

  it("publishes what a PSU's browser reaches in the OB flows, and the console too when no source range restricts it", () => {
    const { n, main, console, warnings } = edge();
    expect(paths(main)).toEqual([...BROWSER_PATHS, ...STAFF_PATHS]);
    expect(console).toBeUndefined();
    expect(warnings).toEqual([]);
    // Each path to the KM Service's HTTPS port, by name, as a prefix, for the configured host only.
    const spec = (main as any).spec;
    expect(spec.rules).toHaveLength(1);
    expect(spec.rules[0].host).toBe("km.bank.example");
    for (const p of spec.rules[0].http.paths)
      expect(p).toMatchObject({ pathType: "Prefix", backend: { service: { name: n.service, port: { name: "servlet-https" } } } });
  });

  it("moves the console to an Ingress of its own, allowed only from ingress.consoleAllowedCidrs and still sticky", () => {
    const { n, main, console } = edge({ "obkm:ingress.consoleAllowedCidrs": '["10.20.0.0/16", "192.0.2.7/32"]' });
    expect(paths(main)).toEqual(BROWSER_PATHS);
    expect((console as any).metadata.name).toBe(n.consoleIngress);
    expect(paths(console)).toEqual(STAFF_PATHS);
    expect(annotations(console)).toMatchObject({
      [`${NGINX}/allowlist-source-range`]: "10.20.0.0/16,192.0.2.7/32",
      [`${NGINX}/affinity`]: "cookie",
    });
    expect(annotations(main)).not.toHaveProperty(`${NGINX}/allowlist-source-range`);
  });

  it("publishes ingress.extraPublicPaths beside the flows' paths, once each, and warns of each", () => {
    const { main, warnings } = edge({ "obkm:ingress.extraPublicPaths": '["/smsotpauthenticationendpoint", "/commonauth"]' });
    expect(paths(main).filter((p) => p === "/commonauth")).toHaveLength(1);
    expect(paths(main)).toContain("/smsotpauthenticationendpoint");
    expect(warnings).toEqual([
      expect.stringMatching(/^ingress\.extraPublicPaths: \/smsotpauthenticationendpoint is published on the internet/),
      expect.stringContaining("/commonauth"),
    ]);
  });

  it("re-encrypts to the nodes with cookie affinity from config and never ssl-passthrough", () => {
    const a = annotations(
      edge({
        "obkm:ingress.affinityMode": "balanced",
        "obkm:ingress.cookieName": "KM_NODE",
        "obkm:ingress.cookieSameSite": "Lax",
        "obkm:ingress.proxyBufferSize": "32k",
      }).main,
    );
    // ingress-nginx's annotations (docs/user-guide/nginx-configuration/annotations.md).
    expect(a).toMatchObject({
      [`${NGINX}/backend-protocol`]: "HTTPS",
      [`${NGINX}/affinity`]: "cookie",
      [`${NGINX}/affinity-mode`]: "balanced",
      [`${NGINX}/session-cookie-name`]: "KM_NODE",
      [`${NGINX}/session-cookie-secure`]: "true",
      [`${NGINX}/session-cookie-samesite`]: "Lax",
      [`${NGINX}/proxy-buffer-size`]: "32k",
    });
    expect(a).not.toHaveProperty(`${NGINX}/ssl-passthrough`);
  });

  it("serves the certificate of ingress.tlsSecret, or of cert-manager's issuer asked once on the main Ingress, or the controller's own", () => {
    const cidrs = { "obkm:ingress.consoleAllowedCidrs": '["10.0.0.0/8"]' };
    const fromSecret = edge({ ...cidrs, "obkm:ingress.tlsSecret": "km-tls" });
    for (const i of [fromSecret.main, fromSecret.console])
      expect((i as any).spec.tls).toEqual([{ hosts: ["km.bank.example"], secretName: "km-tls" }]);
    expect(annotations(fromSecret.main)).not.toHaveProperty("cert-manager.io/cluster-issuer");
    const issued = edge({ ...cidrs, "obkm:ingress.clusterIssuer": "letsencrypt" });
    // cert-manager's ingress-shim reads cert-manager.io/cluster-issuer; two Ingresses asking would make two Certificates for one Secret.
    expect(annotations(issued.main)["cert-manager.io/cluster-issuer"]).toBe("letsencrypt");
    expect(annotations(issued.console)).not.toHaveProperty("cert-manager.io/cluster-issuer");
    expect((issued.console as any).spec.tls).toEqual([{ hosts: ["km.bank.example"], secretName: issued.n.tlsSecret }]);
    // Neither: a TLS entry without a Secret, so the controller still serves HTTPS (its default certificate).
    expect((edge().main as any).spec.tls).toEqual([{ hosts: ["km.bank.example"] }]);
  });
});
