// The URL paths of the KM's host, by who may reach them, from the call map (flows/calls.ts): the console's
// (CONSOLE_PATHS, behind ingress.consoleAllowedCidrs), and the paths that only the cluster or the API
// Manager's gateway may call (INTERNAL_PATHS). plan/ingress.ts builds the Ingresses from the call map too,
// and the rule of ingress.extraPublicPaths below keeps a published extra path out of these, compared as
// ingress-nginx routes a Prefix path.
import { z } from "zod";
import { CALLS, NEVER_PUBLISHED, pathsOf } from "../flows/calls";
import * as rules from "./rules";

/** For the bank's staff: the management console and the customer care portal (the call map's `console` calls). */
export const CONSOLE_PATHS = pathsOf("console");

/**
 * What only the cluster (the API Manager, through the Service) or the gateway may call, each with the
 * reason: the call map's `cluster` calls whose path no `public` call also uses, and the paths no flow
 * uses at all. Never published, whatever ingress.extraPublicPaths says.
 */
export const INTERNAL_PATHS: ReadonlyArray<{ path: string; why: string }> = [
  ...pathsOf("cluster")
    .filter((path) => !pathsOf("public").includes(path))
    .map((path) => ({ path, why: CALLS.find((c) => c.route === "cluster" && c.path === path)!.step })),
  ...NEVER_PUBLISHED,
];

/**
 * Carbon's tenant URLs: /t/<tenant domain>/... Carbon adds a context "/t" to the node's Tomcat for them
 * (carbon-kernel v4.4.35, core/org.wso2.carbon.tomcat.ext/.../internal/CarbonTomcatServiceComponent.java,
 * addWebApp("/t", ...)) and dispatches the services and webapps named after the domain
 * (core/org.wso2.carbon.core/.../multitenancy/MultitenantDispatcher.java, MultitenantMessageReceiver's
 * TENANT_DELIMITER "/t/"): the admin services and the console answer there under another name.
 */
export const TENANT_PATH = "/t";

/**
 * A Prefix path's elements as ingress-nginx matches them. ingress-nginx turns a Prefix path /p into two
 * nginx locations, `location /p/` and `location = /p` (kubernetes/ingress-nginx controller-v1.13.0,
 * internal/ingress/controller/location.go updateServerLocations and normalizePrefixPath; template.go
 * buildLocation), so a request reaches /p's backend when it is /p or starts with /p/: it matches by whole
 * /-separated elements. A trailing slash gives the same prefix location (`/p/`), which two Ingresses of one
 * host then both claim: controller.go keeps the first Ingress's location for a path and type and drops the
 * other's ("Location %q already configured"), so the same elements count as the same path.
 */
export function pathElements(path: string): string[] {
  return path.split("/").filter(Boolean);
}

/** Whether every request under `path` is also under `prefix` (prefix's elements begin path's). */
export function isUnder(path: string, prefix: string): boolean {
  const p = pathElements(path);
  const q = pathElements(prefix);
  return q.length <= p.length && q.every((element, i) => p[i] === element);
}

/**
 * Why an extra public path must not be published, or undefined. nginx picks the longest matching prefix
 * location among all the host's Ingresses (controller.go sorts a server's locations longest first, and
 * nginx's own prefix match takes the longest), so:
 *  - a path equal to or under a console path wins over the console Ingress for the requests under it, and
 *    its allowlist no longer applies (a path above one, such as /, leaves the console's longer path winning);
 *  - a path that holds an internal path, or lies under one, publishes it: no other Ingress names it;
 *  - likewise Carbon's tenant form, /t, which reaches every webapp under another name.
 * Compared as written, as nginx compares a location's text (it decodes the request's path, never the
 * location's: /carbo%6e/ matches only requests whose decoded path holds %6e, which Tomcat does not map to
 * /carbon).
 */
export function extraPublicPathConflict(path: string): string | undefined {
  const console = CONSOLE_PATHS.find((c) => isUnder(path, c));
  if (console) {
    const where = pathElements(path).length === pathElements(console).length ? "" : "under ";
    return `${path} is ${where}${console}, the console's path, whose allowlist it would bypass`;
  }
  const internal = INTERNAL_PATHS.find((i) => isUnder(path, i.path) || isUnder(i.path, path));
  if (internal) return `${path} would publish ${internal.path}: ${internal.why}`;
  if (isUnder(path, TENANT_PATH) || isUnder(TENANT_PATH, path)) {
    return `${path} would publish Carbon's tenant URLs, /t/<domain>/..., which reach the console and the admin services under another name`;
  }
  return undefined;
}

/** What ingress.extraPublicPaths allows, in the words of its errors. */
const ALLOWED_SHAPE =
  "a list of URL paths, each starting with / and holding only a URL path's characters, without //, /./, /../ or %2f, such as [/smsotpauthenticationendpoint]";
const ALLOWED_PLACE = `paths outside the console's (${CONSOLE_PATHS.join(", ")}), the cluster's own (${INTERNAL_PATHS.map((i) => i.path).join(", ")}) and Carbon's tenant URLs (${TENANT_PATH})`;

/** The rule of ingress.extraPublicPaths: Ingress Prefix paths, each outside the console's, the internal ones and /t. */
export function extraPublicPaths() {
  return rules.listOf(ALLOWED_SHAPE, rules.isIngressPrefixPath).superRefine((list, ctx) => {
    list.forEach((path, index) => {
      const conflict = extraPublicPathConflict(path);
      if (conflict) ctx.addIssue({ code: z.ZodIssueCode.custom, path: [index], message: `${ALLOWED_PLACE} (${conflict})` });
    });
  });
}
