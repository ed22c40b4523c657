// The nodes' HTTPS certificate from cert-manager (keystores.tls.issuer): one Certificate for the public host, the
// Services and every pod, so whoever calls a node by any of its names can verify it. cert-manager writes a
// JKS keystore beside the PEM files (read in cert-manager's types_certificate.go and issuing/internal/
// keystore.go: keystores.jks with create, alias and passwordSecretRef), under a password the stack generates.
import { ObkmConfig } from "../../config/load";
import { Names } from "../names";
import { CERT_MANAGER_ALIAS, GENERATED_SECRET_DATA } from "./keystores";

export interface CertificateManifest {
  apiVersion: "cert-manager.io/v1";
  kind: "Certificate";
  metadata: { name: string; namespace: string; labels: Record<string, string> };
  spec: {
    secretName: string;
    secretTemplate: { labels: Record<string, string> };
    issuerRef: { name: string; kind: string; group: "cert-manager.io" };
    commonName?: string;
    dnsNames: string[];
    duration: string;
    renewBefore: string;
    privateKey: { algorithm: "RSA"; size: number; rotationPolicy: "Always" };
    usages: string[];
    keystores: { jks: { create: true; alias: string; passwordSecretRef: { name: string; key: string } } };
  };
}

/** A Certificate's common name must be at most 64 characters (X.509's ub-common-name). */
const COMMON_NAME_MAX = 64;

export function nodeCertificate(config: ObkmConfig, n: Names, labels: Record<string, string>): CertificateManifest | undefined {
  const tls = config.keystores.tls;
  if (tls.source !== "cert-manager") return undefined;
  const svc = `${n.namespace}.svc`;
  return {
    apiVersion: "cert-manager.io/v1",
    kind: "Certificate",
    metadata: { name: n.nodeCertificate, namespace: n.namespace, labels },
    spec: {
      secretName: n.nodeCertificate,
      secretTemplate: { labels },
      issuerRef: { name: tls.issuer.name, kind: tls.issuer.kind, group: "cert-manager.io" },
      ...(config.hostname.length <= COMMON_NAME_MAX ? { commonName: config.hostname } : {}),
      dnsNames: [
        config.hostname,
        n.service,
        `${n.service}.${n.namespace}`,
        `${n.service}.${svc}`,
        n.serviceDnsName,
        // Every pod by its stable name, whatever the replica count: scaling needs no new certificate.
        `*.${n.headlessService}.${n.namespace}.svc.${config.clusterDomain}`,
      ],
      // cert-manager's defaults (90 days, renewed with a third left), stated so a review sees them.
      duration: "2160h",
      renewBefore: "720h",
      // A new key at every renewal: the default from cert-manager 1.18, stated for older ones.
      privateKey: { algorithm: "RSA", size: 2048, rotationPolicy: "Always" },
      usages: ["digital signature", "key encipherment", "server auth"],
      keystores: {
        jks: { create: true, alias: CERT_MANAGER_ALIAS, passwordSecretRef: { name: n.keystores, key: GENERATED_SECRET_DATA.tlsKeystorePassword } },
      },
    },
  };
}
