// The whole Key Manager cluster, composed of its parts: the database credentials, the keys, a dev stack's
// own database, the shared artifacts, the nodes and the sticky ingress. It only creates what the plan says.
import { ConfigMap } from "@pulumi/kubernetes/core/v1/configMap";
import { Namespace } from "@pulumi/kubernetes/core/v1/namespace";
import { Secret } from "@pulumi/kubernetes/core/v1/secret";
import * as pulumi from "@pulumi/pulumi";
import type { Plan } from "../plan";
import { DatabaseCredentials, SuppliedCredentials } from "./database-credentials";
import { FLAT_CREDENTIALS, flatTreeAliases } from "./flat-tree-aliases";
import { Keystores } from "./keystores";
import { Monitoring } from "./monitoring";
import { Nodes } from "./nodes";
import { ProvisionedDatabase } from "./provisioned-database";
import { SharedArtifacts } from "./shared-artifacts";
import { StickyIngress } from "./sticky-ingress";

export interface KeyManagerClusterArgs {
  /** Everything to create, from the validated config (buildPlan). */
  plan: Plan;
  /**
   * Passwords the stack supplies, as Pulumi secrets.
   * @default {} (every password the plan needs is generated)
   */
  supplied?: SuppliedCredentials;
  /**
   * Keep the identity of resources in stacks that obkm's own program deployed before the cluster had parts
   * (every resource a direct child of the cluster): each gets an alias to its old place. A new stack needs none.
   * @default false
   */
  keepFlatTreeIdentity?: boolean;
}

export class KeyManagerCluster extends pulumi.ComponentResource {
  readonly namespace: pulumi.Output<string>;
  readonly credentials: DatabaseCredentials;
  readonly keystores: Keystores;
  readonly sharedArtifacts: SharedArtifacts;
  readonly nodes: Nodes;
  readonly ingress: StickyIngress;
  /** Absent unless the stack provisions its own database. */
  readonly database?: ProvisionedDatabase;

  constructor(name: string, args: KeyManagerClusterArgs, opts?: pulumi.ComponentResourceOptions) {
    super("obkm:index:KeyManagerCluster", name, {}, opts);
    const { plan } = args;

    // Deleting the namespace deletes the shared claim in it, guards or not: so Pulumi never deletes it,
    // neither when createNamespace is switched off nor when the stack is destroyed (docs/operations.md, "Removing a stack, and what stays").
    const transformations = args.keepFlatTreeIdentity ? [flatTreeAliases(this, name)] : [];
    const ns = plan.namespace
      ? new Namespace(`${name}-namespace`, plan.namespace, { parent: this, retainOnDelete: true, transformations })
      : undefined;
    // Every part waits for a namespace we create; an existing one is only named.
    const part: pulumi.ComponentResourceOptions = { parent: this, transformations, ...(ns ? { dependsOn: [ns] } : {}) };

    this.credentials = new DatabaseCredentials(
      `${name}-credentials`,
      { plan: plan.credentials, supplied: args.supplied, secrets: (c) => plan.secrets(c), metadata: plan.secretMetadata },
      { ...part, aliases: args.keepFlatTreeIdentity ? [FLAT_CREDENTIALS] : [] },
    );
    this.keystores = new Keystores(
      `${name}-keys`,
      {
        generate: plan.keystores.generate,
        passwordRecipe: plan.credentials.recipe,
        secret: plan.keystores.secret,
        secretMetadata: plan.keystores.secretMetadata,
        certificate: plan.keystores.certificate,
        revision: plan.keystores.revision,
      },
      part,
    );
    if (plan.database) {
      this.database = new ProvisionedDatabase(
        `${name}-database`,
        { database: plan.database, credentialsSecret: this.credentials.credentialsSecret },
        part,
      );
    }
    this.sharedArtifacts = new SharedArtifacts(
      `${name}-shared-artifacts`,
      { claim: plan.sharedClaim, claimName: plan.sharedClaimName, guard: plan.sharedClaimGuard },
      part,
    );
    this.nodes = new Nodes(
      `${name}-nodes`,
      {
        files: plan.nodeFilesConfigMap,
        headlessService: plan.headlessService,
        service: plan.service,
        serviceAccount: plan.serviceAccount,
        disruptionBudget: plan.disruptionBudget,
        networkPolicy: plan.networkPolicy,
        statefulSet: plan.statefulSet,
        revisions: { credentials: this.credentials.revision, keystores: this.keystores.revision },
        timeouts: plan.statefulSetTimeouts,
        startAfter: [
          this.credentials.secretFiles,
          this.keystores.secret,
          ...(this.keystores.certificate ? [this.keystores.certificate] : []),
          ...(this.sharedArtifacts.claim ? [this.sharedArtifacts.claim] : []),
          ...(this.database ? [this.database.schemas] : []),
        ],
      },
      part,
    );
    this.ingress = new StickyIngress(`${name}-ingress`, { ingress: plan.ingress, consoleIngress: plan.consoleIngress }, part);
    // The PodMonitor, alerts and dashboard, when metrics are on.
    if (plan.monitoring) new Monitoring(`${name}-monitoring`, { objects: plan.monitoring }, part);
    // In the API Manager's namespace, which this stack does not own.
    if (plan.apiManagerConfigMap) new ConfigMap(`${name}-api-manager-xml`, plan.apiManagerConfigMap, { parent: this, transformations });
    // Its files that hold the KM admin's password: the data only inside the apply, secret; the name from the plan.
    const apimFiles = plan.apiManagerFiles;
    if (apimFiles)
      new Secret(
        `${name}-api-manager-files`,
        {
          metadata: apimFiles.metadata,
          type: "Opaque",
          stringData: pulumi.secret(this.credentials.values.apply((c) => apimFiles.stringData(c.adminPassword))),
        },
        { parent: this, transformations },
      );
    this.namespace = pulumi.output(plan.names.namespace);

    this.registerOutputs({ namespace: this.namespace, statefulSet: this.nodes.statefulSet, service: this.nodes.service });
  }
}
