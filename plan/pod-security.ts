// The pods run as the Pod Security Standards' "restricted" level asks: not root, no privilege escalation,
// no capabilities, the runtime's default seccomp profile. Well-known members need no Kubernetes API, so
// no service-account token is mounted.
import { ObkmConfig } from "../config/load";
import { Names } from "./names";
import { ServiceAccountManifest } from "./types";

/** The level the KM pods meet; the namespace we create enforces it. */
const POD_SECURITY_LEVEL = "restricted";

export function namespaceSecurityLabels(): Record<string, string> {
  return Object.fromEntries(["enforce", "audit", "warn"].map((mode) => [`pod-security.kubernetes.io/${mode}`, POD_SECURITY_LEVEL]));
}

export function podSecurityContext(config: ObkmConfig) {
  return {
    runAsNonRoot: true,
    runAsUser: config.runAs.user,
    runAsGroup: config.runAs.group,
    // Makes the shared volume writable by the KM's group where the volume type supports it;
    // OnRootMismatch skips the recursive chown on every start once the ownership is right.
    fsGroup: config.runAs.group,
    fsGroupChangePolicy: "OnRootMismatch",
    seccompProfile: { type: "RuntimeDefault" },
  };
}

/** The restricted level's settings for every container the program runs. */
export const containerSecurityContext = {
  allowPrivilegeEscalation: false,
  capabilities: { drop: ["ALL"] },
  runAsNonRoot: true,
};

/** The same, for a container that runs as an image's own user (the provisioned database's). */
export function containerSecurityContextAs(uid: number) {
  return { ...containerSecurityContext, runAsUser: uid, runAsGroup: uid, seccompProfile: { type: "RuntimeDefault" } };
}

/** The Secrets a pod pulls its images with (imagePullSecrets), when config names any. */
export function pullSecrets(config: ObkmConfig): { imagePullSecrets?: Array<{ name: string }> } {
  return config.imagePullSecrets.length ? { imagePullSecrets: config.imagePullSecrets.map((name) => ({ name })) } : {};
}

export function serviceAccountManifest(n: Names, labels: Record<string, string>): ServiceAccountManifest {
  return {
    apiVersion: "v1",
    kind: "ServiceAccount",
    metadata: { name: n.statefulSet, namespace: n.namespace, labels },
    automountServiceAccountToken: false,
  };
}
