// The edits a node applies at start to the image's own Open Banking files, when the stack's templates do
// not hold the user's copies: the same declarative edits the render applies to those copies (xml/edits.ts,
// json/edits.ts), written down as JSON for the editor (editor/ob-edit.ts) to carry out in the pod. It holds
// no secret: a password stands as a slot, which the editor fills from its environment.
import type { JsonEdit } from "../json/edits";
import type { XmlEdit } from "../xml/edits";

/**
 * `from`: where the node takes the file to edit: the image's pack (the default), or the Secret of the files
 * that hold passwords, where the render put its edited copy of the user's file (the consent portal's client
 * credentials are written into that copy at the node's start: plan/consent-apps.ts).
 */
export type FileEdits = ({ path: string; format: "xml"; edits: XmlEdit[] } | { path: string; format: "json"; edits: JsonEdit[] }) & {
  from?: "secret-files";
};

export interface EditPlan {
  /** Paths are under the pack's repository/ directory, as the image has it. */
  files: FileEdits[];
}

/** A password's place in an edit's value; the editor writes the value of OBKM_SECRET_<name> there. */
export const SECRET_SLOT = /@@obkm-secret:([a-z0-9-]+)@@/g;

/** The text that stands for secret `name` in an edit's value until the editor writes it. */
export const secretSlot = (name: string) => `@@obkm-secret:${name}@@`;

/** The environment variable that holds the value of slot `name`. */
export const secretEnvName = (name: string) => `OBKM_SECRET_${name.replace(/-/g, "_").toUpperCase()}`;
