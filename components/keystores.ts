// The keystores: what the stack generates of them and the Secret that holds it, and the nodes' Certificate
// when cert-manager issues it. The keystores the bank supplies are only named (the plan mounts them); nothing
// here reads them. A generated key or password is kept in the stack's state and made anew only when
// keystores.rotation changes; the plan decides what to generate.
import { CustomResource } from "@pulumi/kubernetes/apiextensions/customResource";
import { Secret } from "@pulumi/kubernetes/core/v1/secret";
import { RandomPassword } from "@pulumi/random/randomPassword";
import { PrivateKey } from "@pulumi/tls/privateKey";
import { SelfSignedCert } from "@pulumi/tls/selfSignedCert";
import * as pulumi from "@pulumi/pulumi";
import { childOptions } from "./child-options";
import type { CredentialPlan } from "../plan/credentials";
import type { GeneratedKeystores, KeystoreGeneration } from "../plan/keystores";
import type { CertificateManifest } from "../plan/keystores/certificate";
import { pkcs12Base64 } from "../plan/keystores/pkcs12";
import type { SecretManifest, SecretMetadata } from "../plan/types";

export interface KeystoresArgs {
  /** What to generate (the plan's `keystores.generate`). */
  generate: KeystoreGeneration;
  /** How generated passwords are made (the plan's `credentials.recipe`): ASCII, as Java's PKCS#12 requires. */
  passwordRecipe: CredentialPlan["recipe"];
  /** Renders the Secret of the generated keys from their plain values (the plan's `keystores.secret`); runs inside an apply. */
  secret: (values: GeneratedKeystores) => SecretManifest;
  /** That Secret's name and labels (the plan's `keystores.secretMetadata`): known in a preview too. */
  secretMetadata: SecretMetadata;
  /**
   * The nodes' Certificate, for cert-manager to issue (the plan's `keystores.certificate`).
   * @default none: the nodes' HTTPS keystore is a Secret's
   */
  certificate?: CertificateManifest;
  /** The pod template's keys revision from the generated certificate's identity (the plan's `keystores.revision`). */
  revision: (generatedIdentity: string) => string;
}

export class Keystores extends pulumi.ComponentResource {
  /** The Secret of what the stack generates: a dev stack's signing keystore, the keystore passwords. */
  readonly secret: Secret;
  /** The nodes' Certificate, when cert-manager issues it. */
  readonly certificate?: CustomResource;
  /** The certificate of a dev stack's generated signing key (PEM), for whoever verifies its tokens. */
  readonly signingCertificatePem?: pulumi.Output<string>;
  /** Changes when the keys do; rolls the nodes. Reveals nothing secret. */
  readonly revision: pulumi.Output<string>;

  constructor(name: string, args: KeystoresArgs, opts?: pulumi.ComponentResourceOptions) {
    // Stacks deployed before the rename know this component, and so every resource under it, by the type
    // obkm:index:Keys: the alias keeps their identity (the SDK derives each child's alias from its parent's,
    // @pulumi/pulumi 3.248.0 sdk/nodejs/resource.ts, inheritedChildAlias), so `pulumi up` replaces nothing.
    super("obkm:index:Keystores", name, {}, pulumi.mergeOptions(opts, { aliases: [{ type: "obkm:index:Keys" }] }));
    const { generate } = args;
    const password = (id: string) =>
      pulumi.secret(new RandomPassword(`${name}-${id}`, { ...args.passwordRecipe, keepers: generate.keepers }, { parent: this }).result);

    let signingKeystore: pulumi.Output<{ base64: string; password: string }> | undefined;
    let generatedIdentity: pulumi.Output<string> = pulumi.output("");
    if (generate.signingKeystore) {
      const spec = generate.signingKeystore;
      // A key pair has no keepers of its own: the rotation replaces it (replacementTrigger, Pulumi 3.226 on).
      const key = new PrivateKey(
        `${name}-signing-key`,
        { algorithm: "RSA", rsaBits: 2048 },
        { parent: this, replacementTrigger: generate.keepers.rotation },
      );
      const certificate = new SelfSignedCert(
        `${name}-signing-certificate`,
        {
          privateKeyPem: key.privateKeyPem,
          subject: { commonName: spec.commonName },
          dnsNames: spec.dnsNames,
          validityPeriodHours: spec.validityHours,
          // Within this many hours of expiry, the next `pulumi up` issues a new certificate (and rolls the nodes).
          earlyRenewalHours: spec.earlyRenewalHours,
          allowedUses: ["digital_signature", "key_encipherment", "server_auth"],
        },
        { parent: this },
      );
      const keystorePassword = password("signing-keystore-password");
      signingKeystore = pulumi.secret(
        pulumi.all([key.privateKeyPem, certificate.certPem, keystorePassword]).apply(([privateKeyPem, certPem, pass]) => ({
          base64: pkcs12Base64({ privateKeyPem, certificatePems: [certPem], alias: spec.alias, password: pass }),
          password: pass,
        })),
      );
      this.signingCertificatePem = certificate.certPem;
      generatedIdentity = pulumi.all([certificate.id, certificate.validityEndTime]).apply((parts) => JSON.stringify(parts));
    }

    const tlsKeystorePassword = generate.tlsKeystorePassword ? password("tls-keystore-password") : undefined;
    const values = pulumi.secret(
      pulumi
        .all([password("truststore-password"), signingKeystore, tlsKeystorePassword])
        .apply(([truststorePassword, signing, tlsPassword]): GeneratedKeystores => ({
          truststorePassword,
          signingKeystore: signing,
          tlsKeystorePassword: tlsPassword,
        })),
    );
    const manifest = values.apply(args.secret);
    this.secret = new Secret(
      `${name}-secret`,
      {
        // From the plan, not from the apply that fills the data: a preview knows the Secret's name.
        metadata: args.secretMetadata,
        type: "Opaque",
        data: manifest.apply((m) => m.data as Record<string, string> | undefined),
        stringData: manifest.apply((m) => m.stringData as Record<string, string>),
      },
      childOptions(this, opts),
    );
    if (args.certificate) {
      // cert-manager reads the keystore password from the Secret as soon as it issues.
      this.certificate = new CustomResource(`${name}-node-certificate`, args.certificate, childOptions(this, opts, this.secret));
    }
    this.revision = generatedIdentity.apply(args.revision);
    this.registerOutputs({
      secret: this.secret,
      certificate: this.certificate,
      revision: this.revision,
      signingCertificatePem: this.signingCertificatePem,
    });
  }
}
