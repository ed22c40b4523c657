// The call map of this stack, one step of the plan: the rows of flows/calls.ts whose condition holds, and
// every URL of the KM's Carbon/IS files placed on its route. The Ingress, the NetworkPolicy, the egress and
// the node files' URL edits all read this one object.
import { Call, CALLS, Condition } from "../../flows/calls";
import { APPLICATION_AUTHENTICATION_XML, IDENTITY_XML, KM_IDENTITY_PLACES } from "../../flows/places";
import { ObkmConfig } from "../../config/load";
import { ConfigError } from "../../config/problems";
import { isUnder } from "../../config/ingress-paths";
import { XmlEdit } from "../../xml/edits";
import type { Templates } from "../../xml/templates";
import { Names } from "../names";
import { Conditions, fileConditions } from "./conditions";
import { PlacedUrl, placeEdits, placeUrls, unservedProblems } from "./place-edits";

/** The KM's Carbon/IS files whose URLs the call map places. */
export const KM_PLACED_FILES = [IDENTITY_XML, APPLICATION_AUTHENTICATION_XML];

/** The Identity Server's own login pages, which WSO2's AU set keeps (psu.is-pages). */
const IS_PAGES = CALLS.find((c) => c.when === "is-authentication-pages")!.path;

export interface StackCalls {
  /** The calls of this stack, in the table's order. */
  calls: Call[];
  conditions: Conditions;
  /** Every URL place of the KM's Carbon/IS files the templates hold, with what it becomes. */
  placed: PlacedUrl[];
  /** The URL edits of one of KM_PLACED_FILES. */
  edits(file: string): XmlEdit[];
}

export function stackCalls(config: ObkmConfig, n: Names, templates: Templates): StackCalls {
  const early = fileConditions(config, templates);
  const placed = KM_PLACED_FILES.flatMap((file) => {
    const source = templates.files[file];
    return source === undefined ? [] : placeUrls(config, n, KM_IDENTITY_PLACES, file, source, early);
  });
  // The stock IS pages are published only where a node file sends the browser there.
  const isPages = placed.some((p) => "route" in p.use && p.use.route === "public" && isUnder(p.use.path, IS_PAGES));
  const conditions: Conditions = { ...early, "is-authentication-pages": isPages };
  const calls = CALLS.filter((call) => conditions[call.when as Condition]);
  const problems = unservedProblems(placed, calls);
  if (problems.length) throw new ConfigError(problems);
  return { calls, conditions, placed, edits: (file) => placeEdits(placed.filter((p) => p.place.file === file)) };
}
