// The top component: creates the plan's objects, nothing more. All decisions live in plan/.
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { ObkmConfig } from "../config/load";
import { Plan } from "../plan";
import { Credentials, CredentialsArgs } from "./credentials";

export interface KeyManagerClusterArgs {
  config: ObkmConfig;
  plan: Plan;
  supplied: CredentialsArgs["supplied"];
}

export class KeyManagerCluster extends pulumi.ComponentResource {
  readonly namespace: pulumi.Output<string>;
  readonly statefulSet: k8s.apps.v1.StatefulSet;
  readonly service: k8s.core.v1.Service;

  constructor(name: string, args: KeyManagerClusterArgs, opts?: pulumi.ComponentResourceOptions) {
    super("obkm:index:KeyManagerCluster", name, {}, opts);
    const { plan } = args;

    // Everything namespaced waits for a namespace we create; an existing one is only named. Deleting the
    // namespace deletes the shared claim in it, guards or not: so it is never deleted by Pulumi, neither when
    // createNamespace is switched off nor when the stack is destroyed (see README, "Removing a stack").
    const ns = plan.namespace ? new k8s.core.v1.Namespace("namespace", plan.namespace, { parent: this, retainOnDelete: true }) : undefined;
    const inNamespace: pulumi.CustomResourceOptions = { parent: this, dependsOn: ns ? [ns] : [] };
    const after = (...resources: Array<pulumi.Resource | undefined>): pulumi.CustomResourceOptions => ({
      ...inNamespace,
      dependsOn: [...(ns ? [ns] : []), ...resources.filter((r): r is pulumi.Resource => r !== undefined)],
    });

    // The files and Secrets that hold passwords are rendered inside an apply, from the credentials' values.
    const credentials = new Credentials("credentials", { config: args.config, plan, supplied: args.supplied }, { parent: this });
    const secrets = credentials.values.apply((c) => plan.secrets(c));
    // Names, labels and the revision hash are not secret, though computed next to secrets.
    const secretObject = (pick: (s: ReturnType<Plan["secrets"]>) => k8s.types.input.core.v1.Secret) => ({
      metadata: pulumi.unsecret(secrets.apply((s) => pick(s).metadata as k8s.types.input.meta.v1.ObjectMeta)),
      type: "Opaque",
      stringData: secrets.apply((s) => pick(s).stringData as Record<string, string>),
    });
    const credentialsSecret = new k8s.core.v1.Secret("credentials", secretObject((s) => s.credentialsSecret), inNamespace);
    const secretFiles = new k8s.core.v1.Secret("secret-files", secretObject((s) => s.secretFiles.manifest), inNamespace);
    const revision = pulumi.unsecret(secrets.apply((s) => s.secretFiles.revision));

    const nodeFiles = new k8s.core.v1.ConfigMap("node-files", plan.nodeFilesConfigMap, inNamespace);
    const headless = new k8s.core.v1.Service("headless-service", plan.headlessService, inNamespace);
    this.service = new k8s.core.v1.Service("service", plan.service, inNamespace);
    const sharedClaim = plan.sharedClaim
      ? new k8s.core.v1.PersistentVolumeClaim("shared-artifacts", plan.sharedClaim, { ...inNamespace, ...plan.sharedClaimGuard })
      : undefined;
    const serviceAccount = new k8s.core.v1.ServiceAccount("service-account", plan.serviceAccount, inNamespace);
    new k8s.policy.v1.PodDisruptionBudget("disruption-budget", plan.disruptionBudget, inNamespace);
    if (plan.networkPolicy) new k8s.networking.v1.NetworkPolicy("network-policy", plan.networkPolicy, inNamespace);

    // A dev stack's own database, and its schemas, before the first node starts.
    let schemas: k8s.batch.v1.Job | undefined;
    if (plan.database) {
      const db = plan.database;
      const init = new k8s.core.v1.ConfigMap("database-init", db.initConfigMap, inNamespace);
      new k8s.core.v1.Service("database-service", db.service, inNamespace);
      const server = new k8s.apps.v1.StatefulSet("database", db.statefulSet, after(init, credentialsSecret));
      schemas = new k8s.batch.v1.Job("database-schemas", db.schemaJob, after(server, init, credentialsSecret));
    }

    this.statefulSet = new k8s.apps.v1.StatefulSet("statefulset", plan.statefulSet(revision), {
      ...after(nodeFiles, secretFiles, headless, serviceAccount, sharedClaim, schemas),
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
