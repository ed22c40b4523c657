// What the internet reaches of the KM: only the paths a PSU's browser needs in the Open Banking flows, each
// for a reason; the console behind its allowlist; everything else inside the cluster or through the gateway.
import type { IngressManifest } from "../plan/types";
import { Rendered } from "../render/render";
import { plannedOf } from "./helpers/plan";
import { objectsOf, render } from "./helpers/render";

let dev: Rendered;
let prod: Rendered;
beforeAll(async () => {
  [dev, prod] = await Promise.all([render(), render([], "prod")]);
});

/**
 * Which Ingress serves a request path, as ingress-nginx routes Prefix paths: a path matches a prefix whose
 * /-separated elements it starts with, and the longest matching prefix of the host's Ingresses wins.
 */
function routeOf(rendered: Rendered | IngressManifest[], requestPath: string): string | undefined {
  const elements = (p: string) => p.split("/").filter(Boolean);
  let best: { ingress: string; length: number } | undefined;
  for (const ingress of (Array.isArray(rendered) ? rendered : objectsOf(rendered, "Ingress")) as any[]) {
    for (const { path } of ingress.spec.rules[0].http.paths) {
      const prefix = elements(path);
      const matches = prefix.every((e: string, i: number) => elements(requestPath)[i] === e);
      if (matches && (!best || prefix.length > best.length)) best = { ingress: ingress.metadata.name, length: prefix.length };
    }
  }
  return best?.ingress;
}

describe("the public Ingress", () => {
  it("publishes the PSU's pages and the browser's OAuth and OIDC steps", () => {
    for (const path of [
      "/ob/authenticationendpoint/login.do",
      "/ob/authenticationendpoint/oauth2_consent.do",
      "/commonauth",
      "/logincontext",
      "/oauth2/authorize",
      "/oidc/logout",
      "/consentmgt/",
    ]) {
      expect({ path, route: routeOf(prod, path) }).toEqual({ path, route: "obkm-km" });
    }
  });

  it("publishes none of what only the gateway or the cluster may call", () => {
    for (const path of [
      "/services/OAuth2TokenValidationService",
      "/oauth2/token",
      "/oauth2/introspect",
      "/oauth2/revoke",
      "/api/identity/user/v1.0/me",
      "/scim2/Users",
      "/authenticationendpoint/login.do",
      "/oauth2/authorizex",
    ]) {
      expect({ path, route: routeOf(prod, path) }).toEqual({ path, route: undefined });
    }
  });

  it("puts the console and the customer care portal behind their allowlist, and leaves them public only where no allowlist is set", () => {
    expect(routeOf(prod, "/carbon/admin/login.jsp")).toBe("obkm-km-console");
    expect(routeOf(prod, "/ccportal/")).toBe("obkm-km-console");
    expect(routeOf(dev, "/carbon/admin/login.jsp")).toBe("obkm-km");
  });

  it("publishes more only when asked, with a warning for each path", () => {
    const more = plannedOf(["ingress.extraPublicPaths[0]=/api/identity/user/v1.0/me"]);
    const ingresses = [more.plan.ingress, more.plan.consoleIngress!];
    expect(routeOf(ingresses, "/api/identity/user/v1.0/me")).toBe("obkm-km");
    expect(routeOf(ingresses, "/api/identity/recovery")).toBeUndefined();
    expect(more.warnings).toEqual([expect.stringMatching(/^ingress.extraPublicPaths: \/api\/identity\/user\/v1.0\/me is published on the internet/)]);
    expect(plannedOf([]).warnings).toEqual([]);
  });

  it("refuses a path that is not a URL path", () => {
    expect(() => plannedOf(["ingress.extraPublicPaths[0]=api/identity"])).toThrow(/obkm:ingress.extraPublicPaths: got .*each starting with \//);
    expect(() => plannedOf(["ingress.extraPublicPaths[0]=/a b"])).toThrow(/obkm:ingress.extraPublicPaths/);
  });
});

describe("the URLs the node files give out on the public host", () => {
  /** Published, or deliberately not, each with its reason: a new URL in a node file must be decided here. */
  const NOT_PUBLISHED: Record<string, string> = {
    "/oauth/": "OAuth 1.0a, which no Open Banking flow uses",
    "/oauth2/introspect": "called by the API Manager, inside the cluster",
    "/oauth2/revoke": "revocation goes through the gateway's /revoke (api-manager.xml RevokeAPIURL)",
  };

  it("are each published, or listed as deliberately not with the reason", () => {
    const host = "km.openbanking.bank.example";
    const urls = new Set<string>();
    for (const [file, content] of Object.entries(prod.files).filter(([f]) => f.startsWith("conf/"))) {
      for (const m of content.matchAll(new RegExp(`://${host.replace(/\./g, "\\.")}(/[^<"'\\s]*)`, "g"))) urls.add(`${m[1]} (${file})`);
    }
    expect(urls.size).toBeGreaterThan(5);
    const undecided = [...urls].filter((u) => {
      const path = u.split(" ")[0];
      return routeOf(prod, path) === undefined && !Object.keys(NOT_PUBLISHED).some((p) => path.startsWith(p));
    });
    expect(undecided).toEqual([]);
  });
});
