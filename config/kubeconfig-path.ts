// cluster.kubeconfig is a path, never a kubeconfig's content. The Kubernetes provider takes either
// (pulumi/pulumi-kubernetes provider/pkg/provider/provider.go Configure: "~" and "~/" expanded, then
// os.Stat; what is not a file is loaded as a kubeconfig's content), and its inputs are kept in clear in the
// stack's state and in the render's resources.yaml: a content's token would be written there. So content is
// refused, without being shown; a path is passed on as given (a relative one resolves against the provider's
// working directory, the project's, as `pulumi up` starts it), never as an absolute path of the machine that
// rendered it.
import { z } from "zod";

/** A kubeconfig's content rather than a path: lines, a JSON or flow map, or a YAML key at the start. */
function looksLikeContent(value: string): boolean {
  return /[\n\r]/.test(value) || /^\s*[{[]/.test(value) || /^\s*(?:apiVersion|kind|clusters|users|contexts)\s*:/.test(value);
}

export function kubeconfigPath() {
  const allowed = "empty or the path of a kubeconfig file, such as ~/.kube/bank or /etc/kube/config";
  // Any value is taken first, so that a map (a kubeconfig pasted as YAML under the key) is refused unshown too.
  return z.unknown().transform((value, ctx): string => {
    if (typeof value !== "string" || looksLikeContent(value)) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        message: `${allowed}, not a kubeconfig's content: its token would be stored in clear in the stack's state and the render (put it in a file, or in KUBECONFIG)`,
        params: { hideValue: true },
      });
      return z.NEVER;
    }
    return value;
  });
}
