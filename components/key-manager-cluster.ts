// The top component: creates the plan's objects, nothing more. All decisions live in plan/.
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { Plan } from "../plan";

export interface KeyManagerClusterArgs {
  plan: Plan;
}

export class KeyManagerCluster extends pulumi.ComponentResource {
  readonly namespace: pulumi.Output<string>;
  readonly statefulSet: k8s.apps.v1.StatefulSet;
  readonly service: k8s.core.v1.Service;

  constructor(name: string, args: KeyManagerClusterArgs, opts?: pulumi.ComponentResourceOptions) {
    super("obkm:index:KeyManagerCluster", name, {}, opts);
    const { plan } = args;

    // Everything namespaced waits for a namespace we create; an existing one is only named.
    const ns = plan.namespace ? new k8s.core.v1.Namespace("namespace", plan.namespace, { parent: this }) : undefined;
    const inNamespace: pulumi.CustomResourceOptions = { parent: this, dependsOn: ns ? [ns] : [] };

    const nodeFiles = new k8s.core.v1.ConfigMap("node-files", plan.nodeFilesConfigMap, inNamespace);
    const headless = new k8s.core.v1.Service("headless-service", plan.headlessService, inNamespace);
    const sharedClaim = plan.sharedClaim
      ? new k8s.core.v1.PersistentVolumeClaim("shared-artifacts", plan.sharedClaim, { ...inNamespace, ...plan.sharedClaimGuard })
      : undefined;
    this.service = new k8s.core.v1.Service("service", plan.service, inNamespace);
    const serviceAccount = new k8s.core.v1.ServiceAccount("service-account", plan.serviceAccount, inNamespace);
    new k8s.policy.v1.PodDisruptionBudget("disruption-budget", plan.disruptionBudget, inNamespace);
    if (plan.networkPolicy) new k8s.networking.v1.NetworkPolicy("network-policy", plan.networkPolicy, inNamespace);
    this.statefulSet = new k8s.apps.v1.StatefulSet("statefulset", plan.statefulSet, {
      ...inNamespace,
      dependsOn: [...(ns ? [ns] : []), nodeFiles, headless, serviceAccount, ...(sharedClaim ? [sharedClaim] : [])],
      customTimeouts: plan.statefulSetTimeouts,
    });
    new k8s.networking.v1.Ingress("ingress", plan.ingress, inNamespace);
    if (plan.consoleIngress) new k8s.networking.v1.Ingress("console-ingress", plan.consoleIngress, inNamespace);
    // In the API Manager's namespace, which this stack does not own.
    if (plan.apiManagerConfigMap) new k8s.core.v1.ConfigMap("api-manager-xml", plan.apiManagerConfigMap, { parent: this });
    this.namespace = pulumi.output(plan.names.namespace);

    this.registerOutputs({ namespace: this.namespace, statefulSet: this.statefulSet, service: this.service });
  }
}
