// The database credentials: supplied ones (Pulumi secrets) and generated ones, and the two Secrets that hold
// them. A generated password is a RandomPassword, kept in the stack's state across `pulumi up`s and made anew
// only when its keepers change (credentialRotation). What to generate and how is the plan's decision.
import { Secret } from "@pulumi/kubernetes/core/v1/secret";
import { RandomPassword } from "@pulumi/random/randomPassword";
import * as pulumi from "@pulumi/pulumi";
import { childOptions } from "./child-options";
import { DATASOURCE_KEYS, DatasourceKey } from "../config/database-keys";
import type { CredentialPlan, Credentials, SecretFiles } from "../plan/credentials";
import type { SecretManifest, SecretMetadata } from "../plan/types";

/** Passwords the stack supplies, as Pulumi secrets. */
export interface SuppliedCredentials {
  /** Shared by the four datasources unless one has its own. */
  databasePassword?: pulumi.Input<string>;
  /** A datasource's own password. */
  datasourcePasswords?: Partial<Record<DatasourceKey, pulumi.Input<string>>>;
  adminPassword?: pulumi.Input<string>;
  ldapBindPassword?: pulumi.Input<string>;
}

/** What holds the credentials, rendered from their plain values inside an apply. */
export interface CredentialSecrets {
  /** The node files that hold passwords, with the revision that rolls the pods when one changes. */
  secretFiles: SecretFiles;
  /** Each password by name, for the provisioned database, the schema job and the operators. */
  credentialsSecret: SecretManifest;
}

export interface DatabaseCredentialsArgs {
  /** Which passwords to generate, and how (the plan's `credentials`). */
  plan: CredentialPlan;
  /**
   * Supplied passwords; a password not supplied is generated where `plan.generate` says so.
   * @default {} (every password the plan asks for is generated)
   */
  supplied?: SuppliedCredentials;
  /** Renders the two Secrets from the plain credentials (the plan's `secrets`); runs inside an apply. */
  secrets: (credentials: Credentials) => CredentialSecrets;
  /**
   * The two Secrets' names and labels (the plan's `secretMetadata`), known before any password: a preview
   * where a generated password is unknown still names the Secrets it will create.
   */
  metadata: { credentialsSecret: SecretMetadata; secretFiles: SecretMetadata };
}

export class DatabaseCredentials extends pulumi.ComponentResource {
  /** Every credential: plain inside, secret outside. */
  readonly values: pulumi.Output<Credentials>;
  /** Changes when a password or a file that holds one does; reveals nothing (an HMAC). */
  readonly revision: pulumi.Output<string>;
  /** The Secret of the node files that hold passwords (master-datasources.xml, user-mgt.xml). */
  readonly secretFiles: Secret;
  /** The Secret of the passwords by name. */
  readonly credentialsSecret: Secret;

  constructor(name: string, args: DatabaseCredentialsArgs, opts?: pulumi.ComponentResourceOptions) {
    super("obkm:index:DatabaseCredentials", name, {}, opts);
    const { plan } = args;
    const supplied = args.supplied ?? {};
    const generate = (id: string, recipe = plan.recipe) =>
      pulumi.secret(new RandomPassword(`${name}-${id}`, { ...recipe, keepers: plan.keepers }, { parent: this }).result);

    const databasePassword = supplied.databasePassword ?? (plan.generate.database ? generate("database-password") : undefined);
    const datasourcePasswords = Object.fromEntries(
      DATASOURCE_KEYS.map((d) => [d, supplied.datasourcePasswords?.[d] ?? databasePassword ?? ""]),
    ) as Record<DatasourceKey, pulumi.Input<string>>;

    this.values = pulumi.secret(
      pulumi
        .all({
          datasourcePasswords: pulumi.all(datasourcePasswords),
          adminPassword: supplied.adminPassword ?? generate("admin-password", plan.adminRecipe),
          ldapBindPassword: supplied.ldapBindPassword,
          databaseRootPassword: plan.generate.databaseRoot ? generate("database-root-password") : undefined,
          revisionKey: generate("revision-key"),
        })
        .apply((c): Credentials => ({
          datasourcePasswords: c.datasourcePasswords as Record<DatasourceKey, string>,
          adminPassword: c.adminPassword as string,
          ldapBindPassword: c.ldapBindPassword as string | undefined,
          databaseRootPassword: c.databaseRootPassword as string | undefined,
          revisionKey: c.revisionKey as string,
        })),
    );

    const secrets = this.values.apply(args.secrets);
    // The names and labels come from the plan, not from the apply that fills the data; the revision is not
    // secret, though computed next to secrets.
    const secret = (id: string, metadata: SecretMetadata, pick: (s: CredentialSecrets) => SecretManifest) =>
      new Secret(
        `${name}-${id}`,
        { metadata, type: "Opaque", stringData: secrets.apply((s) => pick(s).stringData as Record<string, string>) },
        childOptions(this, opts),
      );
    this.credentialsSecret = secret("secret", args.metadata.credentialsSecret, (s) => s.credentialsSecret);
    this.secretFiles = secret("secret-files", args.metadata.secretFiles, (s) => s.secretFiles.manifest);
    this.revision = pulumi.unsecret(secrets.apply((s) => s.secretFiles.revision));

    this.registerOutputs({ revision: this.revision, secretFiles: this.secretFiles, credentialsSecret: this.credentialsSecret });
  }
}
