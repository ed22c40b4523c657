// Runs the program under Pulumi's mock engine and records what it registers: the same code path as
// `pulumi up`, with no CLI, no cluster and no network.
//
// This file is the one place that uses the SDK's internals; the program itself uses only its public API.
// Each use, and why the public pulumi.runtime.setMocks does not serve:
//  - MockMonitor (runtime/mocks): subclassed to record each request's options, parent, provider and
//    aliases, which the public Mocks interface does not pass on, and to form URNs as the engine does;
//  - settings.setMockOptions and the state store's feature flags (runtime/settings, runtime/state): to
//    install that monitor, and to have the SDK compute alias URNs itself (supportsAliasSpecs false) so the
//    recorder sees them;
//  - settings.waitForRPCs: to know when every registration of a run has settled.
// Pinned SDK versions (package.json) keep these stable; tests/program.test.ts and the render tests fail
// first if an upgrade moves them.
import * as pulumi from "@pulumi/pulumi";
import { createHash } from "crypto";
import { MockMonitor } from "@pulumi/pulumi/runtime/mocks";
import { unknownValue } from "@pulumi/pulumi/runtime/rpc";
import * as settings from "@pulumi/pulumi/runtime/settings";
import { plainStack, SDK_PROMISE_STACK, unreadSdkPromiseStack } from "../lib/sdk-promise-stacks";
import { mockPrivateKey, mockSelfSignedCert } from "./mock-tls";

export interface RegisteredResource {
  /** The URN the engine gives it (see urnOf). */
  urn: string;
  type: string;
  name: string;
  /** URN of the parent resource, when there is one. */
  parent?: string;
  /** The provider reference (`<urn>::<id>`) the resource is created with, when the program names one. */
  provider?: string;
  /** The URNs this resource was known by before (its aliases, as the SDK computes them). */
  aliases: string[];
  custom: boolean;
  /** URNs of the resources it waits for (dependsOn and the dependencies of its inputs). */
  dependencies: string[];
  /** Inputs as the engine received them; secret values stay wrapped (see redact.ts). */
  inputs: Record<string, unknown>;
  options: {
    protect: boolean;
    retainOnDelete: boolean;
    deleteBeforeReplace: boolean;
    replaceOnChanges: string[];
    ignoreChanges: string[];
    /** How long Pulumi waits for a create or update, where the program sets it. */
    customTimeouts?: { create?: string; update?: string; delete?: string };
    /** A value whose change replaces the resource (a generated key's rotation). */
    replacementTrigger?: unknown;
  };
}

export interface MockRunInput {
  project: string;
  stack: string;
  /** Full keys (`obkm:replicas`) to raw strings, as Pulumi passes config to a program. */
  config: Record<string, string>;
  secretKeys: string[];
  /** Where to record registrations; pass your own to see them even when the program throws. */
  record?: RegisteredResource[];
  /**
   * Run as `pulumi preview` of a stack that has none of the generated values yet (a new stack, or one whose
   * rotation changed): the engine runs the program as a dry run and what the providers generate (passwords,
   * keys, certificates) is unknown, so no apply that reads them runs. Default: as `pulumi up`.
   */
  preview?: boolean;
}

/**
 * A resource's URN as the engine makes it: the parent's whole qualified type, then the resource's own
 * (pulumi/pulumi pkg/resource/deploy/deployment.go and sdk/go/common/resource/urn/urn.go New). The mock
 * monitor keeps only the parent's last type, which differs for a resource inside a nested component.
 */
function urnOf(stack: string, project: string, parentUrn: string | undefined, type: string, name: string): string {
  const parentType = parentUrn ? parentUrn.split("::")[2] : "";
  const qualified = parentType && parentType !== "pulumi:pulumi:Stack" ? `${parentType}$${type}` : type;
  return `urn:pulumi:${stack}::${project}::${qualified}::${name}`;
}

// Records the request's options and parent, which the public mock interface does not pass on.
class RecordingMonitor extends MockMonitor {
  constructor(
    mocks: pulumi.runtime.Mocks,
    readonly registered: RegisteredResource[],
  ) {
    super(mocks);
    // MockMonitor.newUrn is private in its typings; replaced so the URNs the SDK sees are the engine's.
    (this as unknown as { newUrn: (parent: string, type: string, name: string) => string }).newUrn = (parent, type, name) =>
      urnOf(pulumi.getStack(), pulumi.getProject(), parent || undefined, type, name);
  }

  override async registerResource(req: any, callback: (err: any, response: any) => void) {
    const inputs = pulumi.runtime.deserializeProperties(req.getObject());
    this.registered.push({
      urn: urnOf(pulumi.getStack(), pulumi.getProject(), req.getParent() || undefined, req.getType(), req.getName()),
      aliases: [...req.getAliasurnsList()].sort(),
      type: req.getType(),
      name: req.getName(),
      parent: req.getParent() || undefined,
      provider: req.getProvider() || undefined,
      custom: req.getCustom(),
      dependencies: [...req.getDependenciesList()].sort(),
      inputs,
      options: {
        protect: Boolean(req.getProtect()),
        retainOnDelete: Boolean(req.getRetainondelete()),
        deleteBeforeReplace: Boolean(req.getDeletebeforereplace()),
        replaceOnChanges: [...req.getReplaceonchangesList()].sort(),
        ignoreChanges: [...req.getIgnorechangesList()].sort(),
        ...customTimeoutsOf(req),
        ...(req.hasReplacementTrigger() ? { replacementTrigger: req.getReplacementTrigger().toJavaScript() } : {}),
      },
    });
    return super.registerResource(req, callback);
  }
}

function customTimeoutsOf(req: any): { customTimeouts?: { create?: string; update?: string; delete?: string } } {
  const timeouts = req.getCustomtimeouts();
  if (!timeouts) return {};
  const set = Object.entries({ create: timeouts.getCreate(), update: timeouts.getUpdate(), delete: timeouts.getDelete() }).filter(([, v]) => v);
  return set.length ? { customTimeouts: Object.fromEntries(set) } : {};
}

/**
 * What a generated password is under the mock engine: derived from the resource's name and inputs (its
 * keepers included), so a render is deterministic and a new rotation value gives a new password, as the
 * provider would. It never reaches a render in clear: it is a secret, and redact.ts hides it.
 */
function mockRandomResult(name: string, inputs: unknown): string {
  return `Mock${createHash("sha256").update(name).update(JSON.stringify(inputs)).digest("hex").slice(0, 20)}!9`;
}

/** What the providers add to the inputs of the resources whose outputs the program reads. */
function mockState(type: string, name: string, inputs: Record<string, any>): Record<string, unknown> {
  if (type.startsWith("random:")) return { ...inputs, result: mockRandomResult(name, inputs) };
  if (type === "tls:index/privateKey:PrivateKey") return mockPrivateKey(inputs);
  if (type === "tls:index/selfSignedCert:SelfSignedCert") return mockSelfSignedCert(inputs);
  return inputs;
}

/**
 * The outputs the mocks make up for each generating resource (mockState, mock-tls.ts), by type. In a
 * preview none is known yet: a provider computes them only when it creates the resource.
 */
const GENERATED_OUTPUTS: Array<[prefix: string, outputs: string[]]> = [
  ["random:", ["result"]],
  ["tls:index/privateKey:PrivateKey", ["privateKeyPem"]],
  ["tls:index/selfSignedCert:SelfSignedCert", ["certPem", "validityEndTime"]],
];

/**
 * A resource's state in a preview: its inputs, with every generated output the SDK's unknown value, which
 * it deserializes as unknown in a dry run (@pulumi/pulumi runtime/rpc.js, deserializeProperty), so an apply
 * that reads one does not run, as under the engine.
 */
function previewState(type: string, inputs: Record<string, unknown>): Record<string, unknown> {
  const generated = GENERATED_OUTPUTS.find(([prefix]) => type.startsWith(prefix))?.[1] ?? [];
  return { ...inputs, ...Object.fromEntries(generated.map((output) => [output, unknownValue])) };
}

// Resources echo their inputs as outputs with a fixed id, so runs are deterministic.
function echoMocks(preview: boolean): pulumi.runtime.Mocks {
  return {
    newResource: (args) =>
      preview
        ? { id: undefined, state: previewState(args.type, args.inputs) }
        : { id: `${args.name}-id`, state: mockState(args.type, args.name, args.inputs) },
    call: (args) => args.inputs,
  };
}

/**
 * V8's frames as node prints them, except a stack the SDK takes for a promise, which a mock run leaves
 * unformatted unless the SDK will read it (lib/sdk-promise-stacks.ts): formatting those frames was an eighth
 * of a render's CPU in a warm process (102 ms, 89 without).
 */
function mockRunStack(error: Error, frames: NodeJS.CallSite[]): string {
  return unreadSdkPromiseStack(frames) ? SDK_PROMISE_STACK : plainStack(error, frames);
}

/** The Pulumi runtime is one global state per process: runs take turns. */
let previousRun: Promise<unknown> = Promise.resolve();

/**
 * Sets up the mock engine with the given config, runs `program`, waits until every registration has
 * settled and returns what was registered and the program's resolved outputs. Runs started together in
 * one process are carried out one after the other.
 */
export function runUnderMocks<T>(input: MockRunInput, program: () => T): Promise<{ resources: RegisteredResource[]; result: T }> {
  const run = previousRun.then(
    () => runAlone(input, program),
    () => runAlone(input, program),
  );
  previousRun = run.catch(() => undefined);
  return run;
}

async function runAlone<T>(input: MockRunInput, program: () => T): Promise<{ resources: RegisteredResource[]; result: T }> {
  const monitor = new RecordingMonitor(echoMocks(input.preview ?? false), input.record ?? []);
  settings.setMockOptions(monitor, input.project, input.stack, input.preview ?? false);
  const store = (require("@pulumi/pulumi/runtime/state") as { getStore(): Record<string, boolean> }).getStore();
  // Without alias specs the SDK computes each alias's URN itself (resource.js allAliases) and sends the URNs,
  // which the recorder keeps: a test can then show that a moved resource keeps its identity.
  Object.assign(store, { supportsSecrets: true, supportsResourceReferences: true, supportsOutputValues: false, supportsAliasSpecs: false });
  pulumi.runtime.setAllConfig(input.config, input.secretKeys);

  // The SDK records a stack trace for every resource and promise (source positions and leak reports for
  // the engine, which mean nothing here). Formatted through source maps, as jest sets them up, and as deep
  // as jest allows (100 frames), that was most of a render's time; plain V8 frames, as many as node keeps
  // by default, are cheap, and a promise's are not formatted at all (SDK_PROMISE_STACK). Both are restored
  // before the run's errors surface.
  const formatStack = Error.prepareStackTrace;
  const stackDepth = Error.stackTraceLimit;
  Error.prepareStackTrace = mockRunStack;
  Error.stackTraceLimit = Math.min(stackDepth, 10);
  try {
    const result = program();
    await (settings as unknown as { waitForRPCs(): Promise<void> }).waitForRPCs();
    return { resources: monitor.registered, result };
  } finally {
    Error.prepareStackTrace = formatStack;
    Error.stackTraceLimit = stackDepth;
  }
}
