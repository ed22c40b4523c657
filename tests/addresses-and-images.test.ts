// Addresses and names that never pass: a link-local or cloud metadata address as a server the nodes call
// (config/address-checks.ts); kmHome with what the kubelet or a shell would expand (config/km-home.ts); a
// context of blanks; an editor image of no Node or of an ended Node line (config/editor-image.ts).
import { ENDED_NODE_LINES, MAINTAINED_NODE_LINES } from "../config/editor-image";
import { loadMinimal, minimalProblems } from "./helpers/cli-config";
import { cliConfig, MINIMAL_SETTINGS } from "./helpers/cli-config";
import { loadConfig } from "../config/load";
import { ConfigError } from "../config/problems";
import { isFourPartDecimal } from "../config/rules";
import fc from "fast-check";
import * as ipaddr from "ipaddr.js";

const key = (k: string) => k.replace(/\./g, "\\.");

describe("a server's address", () => {
  it.each([
    ["httpProxy.host", "169.254.169.254", "the cloud instance metadata service", { "obkm:httpProxy.port": "80" }],
    ["httpProxy.host", "169.254.10.1", "a link-local address", { "obkm:httpProxy.port": "3128" }],
    ["apim.servicesHost", "169.254.169.254", "the cloud instance metadata service", {}],
    ["apim.servicesHost", "::ffff:169.254.169.254", "the cloud instance metadata service", {}],
    ["apim.servicesHost", "fe80::1", "a link-local address", {}],
    ["apim.servicesHost", "metadata.google.internal", "the cloud instance metadata service", {}],
    ["apim.hostname", "169.254.169.254", "the cloud instance metadata service", {}],
    ["hostAliasIp", "169.254.169.254", "the cloud instance metadata service", {}],
    ["database.host", "169.254.169.254", "the cloud instance metadata service", {}],
    // Addresses no server has (found by tests/property-oracle.test.ts: a hostAlias to 0.0.0.0 was accepted).
    ["hostAliasIp", "0.0.0.0", "the unspecified address", {}],
    ["hostAliasIp", "::", "the unspecified address", {}],
    ["hostAliasIp", "255.255.255.255", "the broadcast address", {}],
    ["database.host", "0.0.0.0", "the unspecified address", {}],
    ["database.host", "224.0.0.1", "a multicast address", {}],
    ["apim.servicesHost", "ff02::1", "a multicast address", {}],
  ])("is refused in %s as %s (%s), naming the key", (k, host, why, extra) => {
    expect(minimalProblems({ ...extra, [`obkm:${k}`]: host })).toEqual([
      expect.stringMatching(
        new RegExp(`^obkm:${key(k)}: got "${host.replace(/\./g, "\\.")}"; expected the address or name of a server of yours, not ${why}`),
      ),
    ]);
  });

  it("is refused as the LDAP server's host too", () => {
    const ldap = {
      "obkm:userStore.type": "ldap",
      "obkm:userStore.ldap.url": "ldap://169.254.169.254",
      "obkm:userStore.ldap.bindDn": "uid=obkm,dc=bank",
      "obkm:userStore.ldap.bindPassword": "Bind-Secret1",
      "obkm:userStore.ldap.userSearchBase": "ou=users,dc=bank",
      "obkm:userStore.ldap.groupSearchBase": "ou=groups,dc=bank",
    };
    expect(minimalProblems(ldap)).toEqual([
      expect.stringMatching(/^obkm:userStore\.ldap\.url: got "ldap:\/\/169\.254\.169\.254"; expected the address or name of a server of yours/),
    ]);
  });

  it("is accepted next to the link-local range: 169.253.x and 169.255.x are ordinary addresses", () => {
    expect(() => loadMinimal({ "obkm:apim.servicesHost": "169.255.0.1", "obkm:hostAliasIp": "169.253.0.1" })).not.toThrow();
  });
});

describe("kmHome", () => {
  it.each(["/opt/$(HOME)/km", "/opt/${X}", "/opt/`id`", "/opt/km;rm", "/opt/a b", "/opt/../etc", "opt/km"])("refuses %s, saying why", (home) => {
    expect(minimalProblems({ "obkm:kmHome": home })).toEqual([
      expect.stringMatching(
        /^obkm:kmHome: got .*; expected an absolute path of letters, digits, '\.', '_', '-', '\+' and '\/'.*the kubelet expands \$\(VAR\)/,
      ),
    ]);
  });

  it("accepts the pack's own path and paths like it", () => {
    expect(loadMinimal({ "obkm:kmHome": "/home/wso2carbon/wso2-obkm-1.4.0" }).config.kmHome).toBe("/home/wso2carbon/wso2-obkm-1.4.0");
    expect(loadMinimal({ "obkm:kmHome": "/opt/wso2/obkm_1.4.0+u42" }).config.kmHome).toBe("/opt/wso2/obkm_1.4.0+u42");
  });
});

describe("cluster.context", () => {
  it("is refused as blanks on a non-dev stack, where it must name the cluster, and on a dev stack", () => {
    const prod = () => {
      try {
        loadConfig(cliConfig({ ...MINIMAL_SETTINGS, "obkm:cluster.context": "   ", "obkm:replicas": "2" }, "prod"), {
          stack: "prod",
          projectDir: "/project",
        });
      } catch (error) {
        return (error as ConfigError).problems;
      }
      return [];
    };
    expect(prod()).toContain(`obkm:cluster.context: got "   "; expected the name of a kubeconfig context, not blanks`);
    expect(minimalProblems({ "obkm:cluster.context": "  " })).toEqual([
      `obkm:cluster.context: got "  "; expected the name of a kubeconfig context, or empty to follow the current context on this dev stack, not blanks`,
    ]);
  });
});

describe("openBanking.editorImage", () => {
  it.each([
    ["node:20.20.2-alpine", "Node 20 reached its end of life on 2026-04-30"],
    ["node:18.20.4", "Node 18 has reached its end of life"],
    ["node:25.1.0-alpine", "Node 25 reached its end of life on 2026-06-01"],
    ["busybox:1.36.1", "an image of Node"],
    ["registry.bank.example/tools/editor:1.0", "an image of Node"],
    ["node:lts-alpine", "a tag that names the Node version"],
    [`node@sha256:${"a".repeat(64)}`, "a tag that names the Node version"],
  ])("refuses %s (%s)", (image, why) => {
    expect(minimalProblems({ "obkm:openBanking.editorImage": image })).toEqual([
      expect.stringMatching(new RegExp(`^obkm:openBanking\\.editorImage: got ".*"; expected .*${why.replace(/\./g, "\\.")}`)),
    ]);
  });

  it.each([
    "node:24.19.0-alpine",
    "node:22.23.2-alpine3.24",
    "registry.bank.example/mirror/node:26.1.0",
    `node:24.19.0-alpine@sha256:${"b".repeat(64)}`,
  ])("accepts %s, a maintained line", (image) => {
    expect(loadMinimal({ "obkm:openBanking.editorImage": image }).config.openBanking.editorImage).toBe(image);
  });

  it("has a table of maintained lines none of which has ended: update it from nodejs/docker-node versions.json when one does", () => {
    const today = new Date().toISOString().slice(0, 10);
    expect(Object.entries(MAINTAINED_NODE_LINES).filter(([, end]) => end <= today)).toEqual([]);
    expect(Object.entries(ENDED_NODE_LINES).filter(([, end]) => end > today)).toEqual([]);
  });
});

describe("an image's registry", () => {
  // The kubelet parses an image by distribution/reference (regexp.go domainAndPort): a registry of
  // components that neither start nor end with '-', joined by single dots, or an IPv6 address in brackets
  // (found by tests/property-oracle.test.ts: a looser pattern took these, and the pod never started).
  it.each(["-r.example/obkm:1.4.0", "r-.example/obkm:1.4.0", "r..example/obkm:1.4.0", ".r.example/obkm:1.4.0", "r.example./obkm:1.4.0"])(
    "refuses %s, naming the key",
    (image) => {
      expect(minimalProblems({ "obkm:image": image })).toEqual([
        expect.stringMatching(/^obkm:image: got .*; expected an image reference with a tag or digest/),
      ]);
    },
  );

  it.each(["Registry.Bank.example:5000/wso2/obkm:1.4.0", "localhost:5000/obkm:1.4.0", "[fd00::5]:5000/obkm:1.4.0", "10.0.0.5:5000/obkm:1.4.0"])(
    "accepts %s",
    (image) => {
      expect(loadMinimal({ "obkm:image": image }).config.image).toBe(image);
    },
  );
});

describe("an IPv4 address in four decimal parts", () => {
  // isFourPartDecimal asks ipaddr.js's two conditions in the other order, for speed: its answer must be
  // ipaddr's own, on the texts near the edges (octets past 255, leading zeros, three or five parts, octal and
  // hex forms ipaddr's parse reads) and on any text at all.
  const octet = fc.oneof(fc.integer({ min: 0, max: 300 }).map(String), fc.constantFrom("00", "01", "0x1f", "010", "", "-1", "1e2"));
  const dotted = fc.array(octet, { minLength: 1, maxLength: 5 }).map((parts) => parts.join("."));
  it.each(["10.0.0.1", "255.255.255.255", "256.0.0.1", "010.0.0.1", "10.1", "0x0a.0.0.1", "1.2.3.4.5", "::1", "bank.example"])(
    "is what ipaddr.js says of %s",
    (text) => expect(isFourPartDecimal(text)).toBe(ipaddr.IPv4.isValidFourPartDecimal(text)),
  );
  it("is what ipaddr.js says, for generated texts", () => {
    fc.assert(
      fc.property(fc.oneof(dotted, fc.string()), (text) => isFourPartDecimal(text) === ipaddr.IPv4.isValidFourPartDecimal(text)),
      { seed: 20261203, numRuns: 2000 },
    );
  });
});
