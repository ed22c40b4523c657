// The URL edits of the node files, from the places (flows/places.ts) and the routes' origins
// (origins.ts): a used place gets its route's origin and keeps the path the file holds, so WSO2's paths
// (the AU set's /authenticationendpoint) stay as the pack has them; an unused place is left alone. A used
// place whose path no call of its route serves is refused here, naming the file and the element: the Ingress
// would not publish it, or the callee would not answer it.
import { Call, Condition, Route } from "../../flows/calls";
import type { UrlPlace } from "../../flows/places";
import { ObkmConfig } from "../../config/load";
import { ConfigError } from "../../config/problems";
import { isUnder } from "../../config/ingress-paths";
import { XmlEdit } from "../../xml/edits";
import { elementTexts } from "../../xml/read";
import { Names } from "../names";
import { routeOrigin } from "./origins";

/**
 * A URL as the pack's files write it: an origin (scheme://authority, where the scheme and authority may be
 * Carbon's placeholders, `${carbon.protocol}://${carbon.host}:${carbon.management.port}`), then the rest.
 */
const URL_PARTS = /^(\s*)((?:\$\{[\w.]+\}|[a-z][a-z0-9+.-]*):\/\/[^/?#\s]*)(.*?)(\s*)$/is;

export interface PlacedUrl {
  place: UrlPlace;
  /** What the pack's file holds there. */
  before: string;
  /** What the node gets: before, re-pointed; or before itself, for an unused place. */
  after: string;
  /** The route and the path the URL reaches, for a used place; why it is unused, otherwise. */
  use: { route: Route; path: string } | { unused: string };
}

/** The path part of a URL's rest (before any query or fragment), "/" when there is none. */
export function pathOf(rest: string): string {
  const path = rest.split(/[?#]/)[0];
  return path === "" ? "/" : path;
}

/** Whether a place is used in this stack: its route's calls exist, and its switch (`when`) is on. */
function unusedBecause(place: UrlPlace, conditions: Partial<Record<Condition, boolean>>): string | undefined {
  if ("unused" in place.use) return place.use.unused;
  if (place.when && conditions[place.when.condition] === false) return place.when.off;
  return undefined;
}

/**
 * Every place of `file` the template holds, with what it becomes. A place the template lacks is skipped (an
 * older or newer pack may not have it; the flow test holds our fixtures to the full list).
 */
export function placeUrls(
  config: ObkmConfig,
  n: Names,
  places: readonly UrlPlace[],
  file: string,
  source: string,
  conditions: Partial<Record<Condition, boolean>>,
): PlacedUrl[] {
  return places
    .filter((p) => p.file === file)
    .flatMap((place): PlacedUrl[] => {
      const found = elementTexts(file, source, place.element);
      if (found.length === 0) return [];
      if (found.length > 1) throw new ConfigError([`${file}: ${place.element}: names ${found.length} elements; each URL place must name one`]);
      const before = found[0];
      const unused = unusedBecause(place, conditions);
      if (unused !== undefined || "unused" in place.use) return [{ place, before, after: before, use: { unused: unused ?? "" } }];
      const parts = URL_PARTS.exec(before);
      if (!parts) throw new ConfigError([`${file}: ${place.element}: holds "${before}", where a URL (scheme://host/path) was expected`]);
      const { route } = place.use;
      const to = routeOrigin(config, n, route);
      if (!to) throw new ConfigError([`${file}: ${place.element}: the ${route} route ends at no one server, so no URL can be written for it`]);
      const rest = place.use.path ?? parts[3];
      return [{ place, before, after: to + rest, use: { route, path: pathOf(rest) } }];
    });
}

/** The call that serves a placed URL: one of `calls` on its route whose path holds the URL's path. */
export function callServing(calls: readonly Call[], route: Route, path: string): Call | undefined {
  return calls.find((call) => call.route === route && (call.path === "/" || isUnder(path, call.path)));
}

/** Used places whose path no active call of their route serves: the browser or the gateway would meet a 404 or a closed door. */
export function unservedProblems(placed: readonly PlacedUrl[], calls: readonly Call[]): string[] {
  return placed.flatMap(({ place, after, use }) => {
    if ("unused" in use || callServing(calls, use.route, use.path)) return [];
    const served = [...new Set(calls.filter((c) => c.route === use.route).map((c) => c.path))].join(", ");
    return [
      `${place.file}: ${place.element}: would send its caller to ${after}, a path the ${use.route} route does not serve (it serves ${served}); point it at one of those, or tell us which flow needs it`,
    ];
  });
}

/** The edits that write the placed URLs: one set per re-pointed place. */
export function placeEdits(placed: readonly PlacedUrl[]): XmlEdit[] {
  return placed.filter((p) => p.after !== p.before).map((p) => ({ kind: "set", path: p.place.element, value: p.after }));
}
