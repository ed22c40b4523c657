// What a stack's name allows, one rule for the loader and the policy pack: a stack named dev, or
// dev-something (a developer's own), may run a single node and may deploy to the kubeconfig's current
// context; every other stack must run two nodes or more and name its cluster. The names are data
// (stack-kinds.json), which `npm run sync-config` copies into the policy pack, a package of its own.
import stackKinds from "./stack-kinds.json";

export function isDevStack(stack: string): boolean {
  const { names, prefixes } = stackKinds.dev;
  return names.includes(stack) || prefixes.some((prefix) => stack.startsWith(prefix));
}
