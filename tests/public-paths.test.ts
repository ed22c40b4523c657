// What the internet reaches of the KM: only the paths a PSU's browser needs in the Open Banking flows, each
// for a reason; the console behind its allowlist; everything else inside the cluster or through the gateway.
import { CONSOLE_PATHS, INTERNAL_PATHS, isUnder } from "../config/ingress-paths";
import { pathsOf } from "../flows/calls";
import type { IngressManifest } from "../plan/types";
import { Rendered } from "../render/render";
import { plannedOf } from "./helpers/plan";
import { ingressRoute } from "./helpers/ingress-route";
import { objectsOf, render } from "./helpers/render";

let dev: Rendered;
let prod: Rendered;
beforeAll(async () => {
  [dev, prod] = await Promise.all([render(), render([], "prod")]);
});

/** The name of the Ingress that serves a request path, if any (tests/helpers/ingress-route.ts). */
const routeOf = (rendered: Rendered | IngressManifest[], requestPath: string) => ingressRoute(rendered, requestPath)?.ingress;

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
    const more = plannedOf(["ingress.extraPublicPaths[0]=/smsotpauthenticationendpoint"]);
    const ingresses = [more.plan.ingress, more.plan.consoleIngress!];
    expect(routeOf(ingresses, "/smsotpauthenticationendpoint/smsotp.jsp")).toBe("obkm-km");
    expect(routeOf(ingresses, "/smsotpauthenticationendpointx")).toBeUndefined();
    expect(more.warnings).toEqual([expect.stringMatching(/^ingress.extraPublicPaths: \/smsotpauthenticationendpoint is published on the internet/)]);
    expect(plannedOf([]).warnings).toEqual([]);
  });

  it("refuses a path that is not a URL path", () => {
    expect(() => plannedOf(["ingress.extraPublicPaths[0]=api/identity"])).toThrow(/obkm:ingress.extraPublicPaths: got .*each starting with \//);
    expect(() => plannedOf(["ingress.extraPublicPaths[0]=/a b"])).toThrow(/obkm:ingress.extraPublicPaths/);
  });
});

describe("an extra public path", () => {
  /** The requests that must keep their route whatever is published: the console's, the cluster's own and Carbon's tenant URLs. */
  const guarded = [...CONSOLE_PATHS, ...INTERNAL_PATHS.map((i) => i.path), "/t"].flatMap((p) => [p, `${p}/`, `${p}/x/y`]);

  /** The requests among those whose route changes when `path` is added to the prod stack's public Ingress (read as routeOf reads ingress-nginx). */
  function rerouted(path: string): string[] {
    const [main, console] = objectsOf(prod, "Ingress") as any[];
    const more = structuredClone(main);
    more.spec.rules[0].http.paths.push({ ...main.spec.rules[0].http.paths[0], path });
    return guarded.filter((request) => routeOf([main, console], request) !== routeOf([more, console], request));
  }

  /** Paths near the guarded ones: each one itself, above it, below it, beside it, with a trailing slash. */
  const candidates = [
    ...new Set(
      [...CONSOLE_PATHS, ...INTERNAL_PATHS.map((i) => i.path), ...pathsOf("public"), "/t"].flatMap((p) => {
        const parent = p.split("/").slice(0, -1).join("/");
        return [p, `${p}/`, `${p}/x`, `${p}x`, parent || "/", `${parent}/other`];
      }),
    ),
  ];

  it("is accepted exactly when it reroutes no request of the console, the cluster's own paths or the tenant URLs", () => {
    const wrong = candidates.flatMap((path) => {
      let refusal: string | undefined;
      try {
        plannedOf([`ingress.extraPublicPaths[0]=${path}`]);
      } catch (error) {
        refusal = (error as Error).message;
      }
      const breaks = rerouted(path);
      if (breaks.length > 0 && !refusal) return [`${path} was accepted, and reroutes ${breaks.join(", ")}`];
      if (breaks.length === 0 && refusal) return [`${path} was refused, and reroutes nothing: ${refusal}`];
      return [];
    });
    expect(wrong).toEqual([]);
    // Both sides were met: some candidates are refused, some accepted.
    expect(candidates.filter((p) => rerouted(p).length > 0).length).toBeGreaterThan(10);
    expect(candidates.filter((p) => rerouted(p).length === 0).length).toBeGreaterThan(10);
  });

  it("is refused in one line that names the key, the path and what is allowed", () => {
    expect(() => plannedOf(["ingress.extraPublicPaths[0]=/carbon/admin"])).toThrow(
      /obkm:ingress.extraPublicPaths\[0\]: got "\/carbon\/admin"; expected paths outside the console's \(\/carbon, \/ccportal\).*\/carbon\/admin is under \/carbon, the console's path/,
    );
    expect(() => plannedOf(["ingress.extraPublicPaths[0]=/"])).toThrow(/expected paths outside .*\(\/ would publish \/oauth2\/token: the gateway/);
    expect(() => plannedOf(["ingress.extraPublicPaths[0]=/t/bank.example/carbon"])).toThrow(/would publish Carbon's tenant URLs/);
  });
});

describe("the URLs the node files give out on the public host", () => {
  /** Published, or deliberately not (INTERNAL_PATHS, each with its reason): a new URL in a node file must be decided there. */
  const NOT_PUBLISHED = INTERNAL_PATHS.map((i) => i.path);

  it("are each published, or listed as deliberately not with the reason", () => {
    const host = "km.openbanking.bank.example";
    const urls = new Set<string>();
    for (const [file, content] of Object.entries(prod.files).filter(([f]) => f.startsWith("conf/"))) {
      for (const m of content.matchAll(new RegExp(`://${host.replace(/\./g, "\\.")}(/[^<"'\\s]*)`, "g"))) urls.add(`${m[1]} (${file})`);
    }
    expect(urls.size).toBeGreaterThan(5);
    const undecided = [...urls].filter((u) => {
      const path = u.split(" ")[0];
      return routeOf(prod, path) === undefined && !NOT_PUBLISHED.some((p) => isUnder(path, p));
    });
    expect(undecided).toEqual([]);
  });
});
