// Entry point of `pulumi up`: plan from the stack's config, create the cluster, export what an API Manager
// stack needs to reach it (through a StackReference).
import { deploy, planStack } from "./program";
import type { StackOutputs } from "./plan/outputs";

const { outputs } = deploy(planStack());

// The stack's outputs are what this module exports (@pulumi/pulumi 3.248.0 cmd/run/run.ts: the runner takes
// the entry point's exports), and the SDK warns of every top-level key whose value is undefined ("Undefined
// value (kmCa) will not show as a stack output": runtime/stack.js massage), on every preview. So the module
// exports the plan's outputs as they are, without a key for an output this stack has not (kmCa without
// cert-manager, apiManagerConfigMap without apim.namespace, apiManagerSecret without the API Manager's OB
// files): plan/outputs.ts leaves such a key out, and a preview warns of nothing the program did not mean to say.
const stackOutputs: StackOutputs = outputs;
export = stackOutputs;
