// Renders a stack of this project the way `npm run render` does, for tests: the dev stack file plus
// --set style overrides, through the mock engine.
import { DOMParser } from "@xmldom/xmldom";
import type { Document, Element } from "@xmldom/xmldom";
import { validateXML } from "xmllint-wasm";
import { PROJECT_DIR } from "../../project-dir";
import { K8sObject } from "../../render/manifests";
import type { RegisteredResource } from "../../render/mock-engine";
import type { Rendered } from "../../render/render";
import type { StackConfig } from "../../render/stack-config";
import * as net from "net";
import { ConfigError } from "../../config/problems";
import { markedRunError } from "../../scripts/stack-command";
import { withoutRuntimeWarnings } from "./quiet-warnings";
import { cachedRender } from "./render-cache";
import type { RenderReply, RenderRequest } from "./render-server";
import { RENDER_SERVER_ENV, withEnv } from "./render-server-env";
import { namesTemplates, stackConfig } from "./stack-config";

/**
 * Renders a stack with --set overrides. Renders of the same stack and overrides are shared across test
 * files (see render-cache.ts), except where a template directory is named (stack-config.ts namesTemplates).
 */
export async function render(sets: string[] = [], stack = "dev"): Promise<Rendered> {
  // The stack's config is asked for only when a render is to be made: a found render is kept under the
  // stack and overrides (the cache's key holds the files and code that read them: render-cache-key.ts).
  const make = () => renderNow(stackConfig(stack, sets));
  if (namesTemplates(sets)) return make();
  return cachedRender(PROJECT_DIR, { stack, sets }, make);
}

/**
 * Renders a stack's config as given, such as one read from a stack file a test wrote elsewhere; kept in the
 * cache under the config itself, all that the render takes besides the project's own files.
 */
export function renderInput(input: StackConfig): Promise<Rendered> {
  return cachedRender(PROJECT_DIR, { input }, () => renderNow(input));
}

/**
 * Renders a stack's config, never from the cache, and adds to `record` every resource the program
 * registered, even when it throws: a refusal must come before anything is created.
 */
export function renderRecorded(input: StackConfig, record: RegisteredResource[]): Promise<Rendered> {
  return renderNow({ ...input, record });
}

/**
 * Renders a stack's config, never from the cache, with the variables the Pulumi CLI's language host would
 * set for the program (such as the secret keys of config/secret-checks.ts), which a render alone lacks;
 * adds to `record` what the program registered, even when it throws.
 */
export function renderWithCliEnv(input: StackConfig, env: Record<string, string>, record: RegisteredResource[]): Promise<Rendered> {
  return renderNow({ ...input, record, env });
}

/**
 * By the run's render server where there is one (jest's global set-up starts it); otherwise here, loaded
 * when a render is made, not for one found in the cache: the Pulumi SDKs take seconds to load.
 */
export async function renderNow(request: RenderRequest): Promise<Rendered> {
  return (await renderHeard(request)).rendered;
}

/** A render, with the runtime warnings the program printed while it ran (what `pulumi preview` shows). */
export interface HeardRender {
  rendered: Rendered;
  warned: string[];
}

/** renderNow, and what the program warned of (pulumi.log.warn), which renderNow keeps off the test log. */
export async function renderHeard(request: RenderRequest): Promise<HeardRender> {
  const server = process.env[RENDER_SERVER_ENV];
  if (server) return renderByServer(server, request);
  const { env, ...input } = request;
  const { renderStack } = require("../../render/render") as typeof import("../../render/render");
  const warned: string[] = [];
  const rendered = await withEnv(env, () => withoutRuntimeWarnings(() => renderStack(input), warned));
  return { rendered, warned };
}

/**
 * A render by the render server (render-server.ts); its user errors come back as the same errors, and what
 * it registered for a request with a record is added to that record here.
 */
function renderByServer(socket: string, input: RenderRequest): Promise<HeardRender> {
  return new Promise((resolve, reject) => {
    const connection = net.connect(socket);
    let reply = "";
    connection.setEncoding("utf8");
    connection.on("data", (chunk) => (reply += chunk));
    connection.on("error", reject);
    connection.on("end", () => {
      const answer = JSON.parse(reply) as RenderReply;
      input.record?.push(...(answer.registered ?? []));
      if ("rendered" in answer) return resolve({ rendered: answer.rendered, warned: answer.warned });
      const { name, message, problems, runError } = answer.error;
      const error = name === "ConfigError" && problems ? new ConfigError(problems) : new Error(message);
      error.name = name;
      reject(runError ? markedRunError(error) : error);
    });
    connection.end(JSON.stringify(input));
  });
}

export function objectsOf(rendered: Rendered, kind: string): K8sObject[] {
  return rendered.objects.filter((o) => o.kind === kind);
}

export function objectOf(rendered: Rendered, kind: string, name?: string): any {
  const found = objectsOf(rendered, kind).filter((o) => name === undefined || o.metadata.name === name);
  if (found.length !== 1) throw new Error(`expected one ${kind}${name ? ` ${name}` : ""}, found ${found.length}`);
  return found[0];
}

export function nodeFile(rendered: Rendered, path: string): string {
  const content = rendered.files[`conf/${path}`];
  if (content === undefined) throw new Error(`no rendered node file ${path}`);
  return content;
}

/** Parses with xmldom for assertions; lookups by tag name, independent of the edit engine's path code. */
export function parse(xml: string): Document {
  return new DOMParser().parseFromString(xml, "text/xml");
}

export function elements(doc: Document, tag: string, attributes: Record<string, string> = {}): Element[] {
  return Array.from(doc.getElementsByTagName(tag)).filter((e) => Object.entries(attributes).every(([k, v]) => e.getAttribute(k) === v));
}

export function textOf(doc: Document, tag: string, attributes: Record<string, string> = {}): string[] {
  return elements(doc, tag, attributes).map((e) => e.textContent ?? "");
}

/** Well-formedness by libxml2 (xmllint compiled to WASM); returns its errors. */
export async function xmllintErrors(fileName: string, xml: string): Promise<string[]> {
  return Object.values(await xmllintErrorsOf({ [fileName]: xml })).flat();
}

/** Where xmllintErrorsOf puts a line of xmllint's that comes before any line naming a file. */
export const UNATTRIBUTED = "(xmllint)";

/**
 * Well-formedness of several files by one run of xmllint: each file's errors (none when well-formed), and
 * under UNATTRIBUTED any line that names no file. Each run starts a worker thread and compiles the WASM
 * (xmllint-wasm's index-node.js validateXML: `new Worker(...)`, terminated when done), about 60 ms, which a
 * render's eight XML files then share.
 */
export async function xmllintErrorsOf(files: Record<string, string>): Promise<Record<string, string[]>> {
  const nameOf = (file: string) => file.replace(/\//g, "_");
  const byName = new Map(Object.keys(files).map((file) => [nameOf(file), file]));
  if (byName.size !== Object.keys(files).length) throw new Error(`two files share a name for xmllint: ${Object.keys(files).join(", ")}`);
  const errors: Record<string, string[]> = Object.fromEntries(Object.keys(files).map((file) => [file, []]));
  if (byName.size === 0) return errors;
  // Asking for normalisation makes xmllint parse the files without a schema: a pure well-formedness check.
  const result = await validateXML({
    xml: Object.entries(files).map(([file, contents]) => ({ fileName: nameOf(file), contents })),
    normalization: "format",
  });
  // A message names its file; the lines after it (the source line, a caret) belong to the same file.
  let current = UNATTRIBUTED;
  for (const { rawMessage, loc } of result.errors) {
    current = (loc && byName.get(loc.fileName)) ?? current;
    (errors[current] ??= []).push(rawMessage);
  }
  return errors;
}
