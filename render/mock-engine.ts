// Runs the program under Pulumi's mock engine and records what it registers: the same code path as
// `pulumi up`, with no CLI, no cluster and no network.
import * as pulumi from "@pulumi/pulumi";
import { createHash } from "crypto";
import { MockMonitor } from "@pulumi/pulumi/runtime/mocks";
import * as settings from "@pulumi/pulumi/runtime/settings";

export interface RegisteredResource {
  type: string;
  name: string;
  /** URN of the parent resource, when there is one. */
  parent?: string;
  /** The provider reference (`<urn>::<id>`) the resource is created with, when the program names one. */
  provider?: string;
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
}

// Records the request's options and parent, which the public mock interface does not pass on.
class RecordingMonitor extends MockMonitor {
  constructor(
    mocks: pulumi.runtime.Mocks,
    readonly registered: RegisteredResource[],
  ) {
    super(mocks);
  }

  override async registerResource(req: any, callback: (err: any, response: any) => void) {
    const inputs = pulumi.runtime.deserializeProperties(req.getObject());
    this.registered.push({
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
export function mockRandomResult(name: string, inputs: unknown): string {
  return `Mock${createHash("sha256").update(name).update(JSON.stringify(inputs)).digest("hex").slice(0, 20)}!9`;
}

// Resources echo their inputs as outputs with a fixed id, so runs are deterministic.
const echoMocks: pulumi.runtime.Mocks = {
  newResource: (args) => ({
    id: `${args.name}-id`,
    state: args.type.startsWith("random:") ? { ...args.inputs, result: mockRandomResult(args.name, args.inputs) } : args.inputs,
  }),
  call: (args) => args.inputs,
};

/**
 * Sets up the mock engine with the given config, runs `program`, waits until every registration has
 * settled and returns what was registered and the program's resolved outputs.
 */
export async function runUnderMocks<T>(input: MockRunInput, program: () => T): Promise<{ resources: RegisteredResource[]; result: T }> {
  const monitor = new RecordingMonitor(echoMocks, input.record ?? []);
  settings.setMockOptions(monitor, input.project, input.stack, false);
  const store = (require("@pulumi/pulumi/runtime/state") as { getStore(): Record<string, boolean> }).getStore();
  Object.assign(store, { supportsSecrets: true, supportsResourceReferences: true, supportsOutputValues: false });
  pulumi.runtime.setAllConfig(input.config, input.secretKeys);

  // The SDK records a full stack trace for every resource and promise (source positions and leak reports
  // for the engine, which mean nothing here). Formatted through source maps, as tsx and jest set them up,
  // that is most of a render's time; plain V8 frames are cheap. Restored before the run's errors surface.
  const formatStack = Error.prepareStackTrace;
  Error.prepareStackTrace = (error, frames) => [`${error.name}: ${error.message}`, ...frames.map((f) => `    at ${f}`)].join("\n");
  try {
    const result = program();
    await (settings as unknown as { waitForRPCs(): Promise<void> }).waitForRPCs();
    return { resources: monitor.registered, result };
  } finally {
    Error.prepareStackTrace = formatStack;
  }
}
