// Checks of the cluster's shape across keys: how many nodes a stack may run, its namespace, its cluster.
import { Failed, Parsed } from "./parsed";
import { fullKey } from "./problems";
import { isDevStack } from "./stacks";

const SYSTEM_NAMESPACES = ["kube-system", "kube-public", "kube-node-lease"];

/** The problems and accepted risks of the cluster's shape, and the namespace it gets. */
export function clusterProblems(parsed: Parsed, failed: Failed, stack: string): { problems: string[]; warnings: string[]; namespace: string } {
  const problems: string[] = [];
  const warnings: string[] = [];
  if (!failed("replicas", "highAvailability") && parsed.replicas === 1) {
    if (!isDevStack(stack)) {
      problems.push(
        `${fullKey(["replicas"])}: got 1 on stack ${stack}; expected 2 or more, because only a dev stack (dev or dev-*) may run a single node`,
      );
    } else if (parsed.highAvailability) {
      problems.push(
        `${fullKey(["replicas"])}: got 1; expected 2 or more, because one node is not highly available (set ${fullKey(["highAvailability"])} to false to accept a single node)`,
      );
    } else {
      warnings.push(
        `${fullKey(["replicas"])} is 1 with ${fullKey(["highAvailability"])} false: this Key Manager has no second node, so a restart or a node drain is an outage.`,
      );
    }
  }

  const namespace = parsed.namespace || `obkm-${stack}`;
  if (!failed("namespace") && !/^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/.test(namespace)) {
    problems.push(
      `${fullKey(["namespace"])}: empty, and the default obkm-${stack} is not a valid namespace name; expected a DNS label set explicitly`,
    );
  }

  // Kubernetes' own namespaces: the control plane's add-ons live there, and createNamespace would adopt one.
  if (!failed("namespace") && SYSTEM_NAMESPACES.includes(namespace)) {
    problems.push(
      `${fullKey(["namespace"])}: got ${namespace}; expected a namespace of the Key Manager's own, not one of Kubernetes' (${SYSTEM_NAMESPACES.join(", ")})`,
    );
  }

  // The longest name the well-known members and the headless Service publish: one DNS name of at most
  // 253 characters (RFC 1123), the pod's ordinal, the Service, the namespace and the cluster's domain.
  if (!failed("namespace", "namePrefix", "clusterDomain", "replicas")) {
    const sts = `${parsed.namePrefix}-km`;
    const longest = `${sts}-${parsed.replicas - 1}.${sts}-headless.${namespace}.svc.${parsed.clusterDomain}`;
    if (longest.length > 253) {
      problems.push(
        `${fullKey(["clusterDomain"])}: got ${parsed.clusterDomain} with ${fullKey(["namePrefix"])} ${parsed.namePrefix} and namespace ${namespace}; expected pod DNS names of at most 253 characters, but ${longest.length} is the longest`,
      );
    }
  }

  // A context of blanks names no context: client-go would look for a context of that name and find none.
  if (!failed("cluster.context") && parsed["cluster.context"] !== "" && parsed["cluster.context"].trim() === "") {
    problems.push(
      `${fullKey(["cluster.context"])}: got ${JSON.stringify(parsed["cluster.context"])}; expected the name of a kubeconfig context${isDevStack(stack) ? ", or empty to follow the current context on this dev stack" : ""}, not blanks`,
    );
  } else if (!failed("cluster.context") && !parsed["cluster.context"] && !isDevStack(stack)) {
    problems.push(
      `${fullKey(["cluster.context"])}: empty on stack ${stack}; expected the kubeconfig context of the cluster this stack deploys to (pulumi config set --path cluster.context NAME), because only a dev stack (dev or dev-*) may follow the current context`,
    );
  }

  // Without a name of its cluster, the provider judges a change of cluster from the kubeconfig it reads, and
  // with none named in the provider's inputs (the usual ~/.kube/config) it cannot: a context pointed at
  // another cluster would be a silent update (render/provider-config-diff.ts).
  if (!failed("cluster.identifier") && !parsed["cluster.identifier"] && !isDevStack(stack)) {
    problems.push(
      `${fullKey(["cluster.identifier"])}: empty on stack ${stack}; expected a name of the cluster this stack deploys to, such as its cloud ID (pulumi config set --path cluster.identifier NAME), so that a move to another cluster shows as a replacement; only a dev stack (dev or dev-*) may go without`,
    );
  }

  return { problems, warnings, namespace };
}
