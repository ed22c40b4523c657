// What a stack's name allows, one rule for the loader and the policy pack: a stack named dev, or
// dev-something (a developer's own), may run a single node and may deploy to the kubeconfig's current
// context; every other stack must run two nodes or more and name its cluster.
export function isDevStack(stack: string): boolean {
  return stack === "dev" || stack.startsWith("dev-");
}
