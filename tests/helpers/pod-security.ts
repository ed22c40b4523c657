// The Pod Security Standards' "restricted" level, as the API server's admission checks it (the rules a pod
// spec can break; see kubernetes.io/docs/concepts/security/pod-security-standards). Independent of the
// program's own constants, so a test of the pods against it means something.
type Obj = Record<string, any>;

const ALLOWED_VOLUME_TYPES = ["configMap", "csi", "downwardAPI", "emptyDir", "ephemeral", "persistentVolumeClaim", "projected", "secret"];

export function restrictedViolations(podSpec: Obj): string[] {
  const problems: string[] = [];
  const pod = podSpec.securityContext ?? {};
  if (podSpec.hostNetwork || podSpec.hostPID || podSpec.hostIPC) problems.push("host namespaces");
  for (const volume of podSpec.volumes ?? []) {
    const type = Object.keys(volume).find((k) => k !== "name");
    if (!type || !ALLOWED_VOLUME_TYPES.includes(type)) problems.push(`volume ${volume.name} of type ${type}`);
  }
  if (pod.runAsUser === 0) problems.push("pod runs as root");
  for (const c of [...(podSpec.initContainers ?? []), ...(podSpec.containers ?? [])]) {
    const sc = c.securityContext ?? {};
    if (sc.privileged) problems.push(`${c.name}: privileged`);
    if (sc.allowPrivilegeEscalation !== false) problems.push(`${c.name}: allowPrivilegeEscalation is not false`);
    if ((sc.runAsNonRoot ?? pod.runAsNonRoot) !== true) problems.push(`${c.name}: runAsNonRoot is not true`);
    if (sc.runAsUser === 0) problems.push(`${c.name}: runs as root`);
    const seccomp = (sc.seccompProfile ?? pod.seccompProfile)?.type;
    if (seccomp !== "RuntimeDefault" && seccomp !== "Localhost") problems.push(`${c.name}: seccomp profile ${seccomp}`);
    if (!(sc.capabilities?.drop ?? []).includes("ALL")) problems.push(`${c.name}: capabilities not dropped`);
    const added = (sc.capabilities?.add ?? []).filter((cap: string) => cap !== "NET_BIND_SERVICE");
    if (added.length) problems.push(`${c.name}: adds ${added.join(", ")}`);
    for (const p of c.ports ?? []) if (p.hostPort) problems.push(`${c.name}: hostPort ${p.hostPort}`);
  }
  return problems;
}
