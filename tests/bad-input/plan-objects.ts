// The Kubernetes objects a plan makes, as the components create them (components/*.ts), built from the plan
// alone with stand-ins for what only an apply knows (generated passwords, the keystores' revision): so a
// property run can hold every accepted value's objects to the API server's rules without the mock engine's
// render, which costs about ten times a plan. The Secrets are built from the same plan functions the
// components call (plan.secrets, plan.keystores.secret), with stand-in credentials.
import type { PlannedStack } from "../../plan-from-config";
import type { External } from "../helpers/k8s-validate";
import { jsonCopy } from "../helpers/json-copy";
import { SOME_CREDENTIALS } from "../helpers/plan";

type Obj = Record<string, any>;

/** Every object the stack registers, but the Pulumi provider itself. */
export function planObjects({ plan }: PlannedStack): Obj[] {
  const secrets = plan.secrets(SOME_CREDENTIALS);
  const { generate } = plan.keystores;
  const keystoreSecret = plan.keystores.secret({
    truststorePassword: "stand-in",
    signingKeystore: generate.signingKeystore ? { base64: "AA==", password: "stand-in" } : undefined,
    tlsKeystorePassword: generate.tlsKeystorePassword ? "stand-in" : undefined,
  });
  const objects: Array<Obj | undefined> = [
    plan.namespace,
    {
      apiVersion: "v1",
      kind: "Secret",
      metadata: plan.secretMetadata.credentialsSecret,
      type: "Opaque",
      stringData: secrets.credentialsSecret.stringData,
    },
    {
      apiVersion: "v1",
      kind: "Secret",
      metadata: plan.secretMetadata.secretFiles,
      type: "Opaque",
      stringData: secrets.secretFiles.manifest.stringData,
    },
    { ...keystoreSecret, metadata: plan.keystores.secretMetadata, type: "Opaque" },
    plan.keystores.certificate,
    ...(plan.database ? [plan.database.initConfigMap, plan.database.service, plan.database.statefulSet, plan.database.schemaJob] : []),
    plan.sharedClaim,
    plan.nodeFilesConfigMap,
    plan.headlessService,
    plan.service,
    plan.serviceAccount,
    plan.disruptionBudget,
    plan.networkPolicy,
    plan.statefulSet({ credentials: "credentials-revision", keystores: "keys-revision" }),
    plan.ingress,
    plan.consoleIngress,
    ...(plan.monitoring ? [plan.monitoring.podMonitor, plan.monitoring.prometheusRule, plan.monitoring.dashboard] : []),
    plan.apiManagerConfigMap,
  ];
  return objects.filter((o): o is Obj => o !== undefined).map((o) => jsonCopy(o) as Obj);
}

/**
 * The bank's own Secrets and ConfigMaps the objects name but do not create (a keystore, a CA bundle): the
 * stack says they exist, so the validation takes them as given, as PROD_EXTERNAL does for the prod example.
 */
export function externalOf(objects: Obj[]): External[] {
  const made = new Set(objects.map((o) => `${o.kind}/${o.metadata?.name}`));
  const named: External[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (typeof node !== "object" || node === null) return;
    const n = node as Obj;
    if (typeof n.secret?.secretName === "string") named.push({ kind: "Secret", name: n.secret.secretName });
    if (typeof n.configMap?.name === "string") named.push({ kind: "ConfigMap", name: n.configMap.name });
    if (typeof n.secretKeyRef?.name === "string") named.push({ kind: "Secret", name: n.secretKeyRef.name });
    if (typeof n.configMapKeyRef?.name === "string") named.push({ kind: "ConfigMap", name: n.configMapKeyRef.name });
    Object.values(n).forEach(walk);
  };
  walk(objects);
  return named.filter((e, i) => !made.has(`${e.kind}/${e.name}`) && named.findIndex((x) => x.kind === e.kind && x.name === e.name) === i);
}
