// What the start script does for the keys, after it has installed the node files: writes each keystore
// password from its mounted Secret over its token (keystore-edits.ts), checks that every key entry the node
// uses is a private key of its keystore and not the pack's sample one (a bank's Secret may hold a copy of
// wso2carbon.jks, which the plan cannot see), and assembles the truststore from the pack's, without the pack's
// sample certificate, the certificates of the node's own TLS keystore, and the CA bundles the stack names.
//
// Only POSIX sh and its utilities (awk, tr, mktemp) and the JDK's keytool: what the OB KM 1.4 images hold (docker-open-banking 1.4.x builds
// on adoptopenjdk 8 images, which put $JAVA_HOME/bin on the PATH). keytool reads every password from a
// file (-storepass:file), so none is ever on a command line.
import { KEYS_MOUNT_DIR } from "../pod-layout";
import { KeystoreMounts, MountedKeystore } from "./keystores";
import { CARBON_XML } from "../carbon";
import { CATALINA_SERVER_XML } from "../catalina";
import { PasswordFill, passwordToken, TRUSTSTORE_PATH } from "./keystore-edits";

/** The pack's truststore as the template carbon.xml names it; the start script copies its certificates. */
export interface PackTruststore {
  /** Under KM_HOME. */
  path: string;
  type: string;
  /** The pack's own, published password (wso2carbon in every pack): not a secret of the bank's. */
  password: string;
}

/** The pack's sample certificate: its private key ships in every copy of the product, so it is never trusted. */
export const SAMPLE_CERTIFICATE_ALIAS = "wso2carbon";

/**
 * Names the certificates of the node's own TLS keystore in the truststore (`km-tls-<n>`): apart from the
 * bundles' labels, which start with their kind (`configmap-`, `secret-`). cert-manager's JKS keystore holds the
 * key entry (tls.crt's chain) and, where the issuer gives a ca.crt, its certificates as trusted entries `ca`,
 * `ca-1`, ... (cert-manager v1.15.0 to v1.21.1 pkg/controller/certificates/issuing/internal/keystore.go,
 * encodeJKSKeystore and addCAsToJKSStore): the start script imports both.
 */
export const OWN_TLS_LABEL = "km-tls";

const quote = (text: string) => `'${text.replace(/'/g, `'\\''`)}'`;

/** A mounted path as the script names it: under $keys_dir, which OBKM_KEYS can move (the tests do). */
const mounted = (file: string) => {
  if (!file.startsWith(`${KEYS_MOUNT_DIR}/`)) throw new Error(`${file} is not under ${KEYS_MOUNT_DIR}`);
  return `"$keys_dir${file.slice(KEYS_MOUNT_DIR.length)}"`;
};

/** Shell functions the steps call; defined once at the top of the start script. */
export const KEYSTORE_FUNCTIONS = [
  'keytool="${JAVA_HOME:+$JAVA_HOME/bin/}keytool"',
  "",
  "# Writes the first line of a password file, XML-escaped, wherever a token stands in an installed file.",
  "fill_password() {",
  '  target="$KM_HOME/repository/conf/$1"',
  '  (umask 077 && awk -v token="$2" -v pwfile="$3" \'',
  "    BEGIN {",
  '      if ((getline pw < pwfile) <= 0 || pw == "") { print "obkm: no password in " pwfile > "/dev/stderr"; exit 2 }',
  '      sub(/\\r$/, "", pw)',
  '      esc = ""',
  "      for (i = 1; i <= length(pw); i++) {",
  "        c = substr(pw, i, 1)",
  '        if (c == "&") c = "&amp;"; else if (c == "<") c = "&lt;"; else if (c == ">") c = "&gt;"',
  '        else if (c == "\\"") c = "&quot;"; else if (c == "\'\\\'\'") c = "&apos;"',
  "        esc = esc c",
  "      }",
  "    }",
  "    {",
  '      line = $0; out = ""',
  "      while ((i = index(line, token)) > 0) { out = out substr(line, 1, i - 1) esc; line = substr(line, i + length(token)) }",
  "      print out line",
  '    }\' "$target" > "$target.obkm-tmp") || { echo "obkm: could not write the password of $2 into $1" >&2; exit 1; }',
  '  mv "$target.obkm-tmp" "$target"',
  "}",
  "",
  "# Stops the start unless the keystore opens with its password and holds a key under the alias.",
  "require_key() {",
  '  listed="$("$keytool" -list -keystore "$1" -storetype "$2" -storepass:file "$3" -alias "$4" 2>&1)" || {',
  '    echo "obkm: the $5 keystore $1 does not open with its password or holds no entry $4: $listed" >&2',
  "    exit 1",
  "  }",
  '  case "$listed" in',
  "    *PrivateKeyEntry*) ;;",
  '    *) echo "obkm: the $5 keystore $1 holds $4, but not as a private key" >&2; exit 1 ;;',
  "  esac",
  "}",
  "",
  "# The hex of the DER SubjectPublicKeyInfo of the first PEM certificate on stdin: the public key itself, the",
  "# same in every certificate issued for one key pair whatever its subject, issuer, serial or validity (RFC 5280",
  "# 4.1: a Certificate is a SEQUENCE whose first member, the TBSCertificate, is a SEQUENCE of an optional [0]",
  "# version, the serial number, the signature algorithm, the issuer, the validity, the subject, then the",
  "# subjectPublicKeyInfo; DER lengths per X.690 8.1.3). Nothing for a text that holds no such certificate. Its",
  "# callers stop the start when it fails (the script runs with set -e, which an assignment's failed command",
  "# substitution would end without a word), rather than skip the check.",
  "public_key_of() {",
  "  awk '",
  "    function header(at) {",
  "      if (at + 1 >= n) { bad = 1; size = 0; return 0 }",
  "      size = byte[at + 1]",
  "      if (size < 128) return 2",
  "      k = size - 128; size = 0",
  "      for (j = 0; j < k; j++) size = size * 256 + byte[at + 2 + j]",
  "      return 2 + k",
  "    }",
  "    /-----BEGIN CERTIFICATE-----/ { inside = 1; next }",
  "    /-----END CERTIFICATE-----/ { if (inside) exit }",
  '    inside { gsub(/[^A-Za-z0-9+\\/]/, ""); text = text $0 }',
  "    END {",
  '      digits = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"',
  "      n = 0; bits = 0; acc = 0",
  // Powers of two from a table, not awk's ^: BusyBox's awk built without its math library refuses ^ ("Math
  // support is not compiled in": Debian's busybox 1.35), and WSO2's Alpine images run BusyBox's awk.
  "      for (i = 0; i < 8; i++) two[i] = i ? two[i - 1] * 2 : 1",
  "      for (i = 1; i <= length(text); i++) {",
  "        acc = acc * 64 + index(digits, substr(text, i, 1)) - 1; bits += 6",
  "        if (bits >= 8) { bits -= 8; byte[n++] = int(acc / two[bits]); acc = acc % two[bits] }",
  "      }",
  "      if (n < 2 || byte[0] != 48) exit",
  "      at = header(0)",
  "      h = header(at); at += h",
  "      if (byte[at] == 160) { h = header(at); at += h + size }",
  "      for (f = 0; f < 5; f++) { h = header(at); at += h + size }",
  "      h = header(at)",
  "      if (bad || byte[at] != 48 || at + h + size > n) exit",
  '      for (i = at; i < at + h + size; i++) printf "%02x", byte[i]',
  '      print ""',
  "    }'",
  "}",
  "",
  "# Stops the start when the certificate of a key the node uses is the pack's sample one, $sample_certificate,",
  "# or any other certificate of the sample's key pair, $sample_key (a copy of wso2carbon.jks whose certificate",
  "# was renewed with keytool -selfcert, or signed anew for the same key), whose private half ships in every",
  "# copy of the product. keytool -exportcert -rfc prints the entry's",
  "# certificate (KeyStore.getCertificate: a key entry's first in its chain) as PEM, the base64 of its DER bytes,",
  "# to stdout, and its warnings to stderr: two exports of one certificate by one keytool are the same text, so",
  "# the whole certificate is compared and no fingerprint line, whose layout differs between versions, is parsed",
  "# (sun/security/tools/keytool/Main.java doCommands, doExportCert and dumpCert: OpenJDK 8u332 in",
  "# ojdkbuild/lookaside_java-1.8.0-openjdk, 17u in openjdk/jdk17u-dev).",
  "refuse_sample_key() {",
  '  certificate="$("$keytool" -exportcert -rfc -keystore "$1" -storetype "$2" -storepass:file "$3" -alias "$4" 2>/dev/null)" || {',
  '    echo "obkm: could not read the certificate of $4 in the $5 keystore $1" >&2',
  "    exit 1",
  "  }",
  '  key="$(printf \'%s\\n\' "$certificate" | public_key_of)" || {',
  '    echo "obkm: could not read the public key of $4 in the $5 keystore $1" >&2',
  "    exit 1",
  "  }",
  '  if [ "$certificate" = "$sample_certificate" ] || { [ -n "$key" ] && [ "$key" = "${sample_key:-}" ]; }; then',
  '    echo "obkm: the $5 keystore $1 holds the pack\'s sample key under $4, whose private key ships in every copy of the product: put a key of your own in its Secret" >&2',
  "    exit 1",
  "  fi",
  "}",
  "",
  "# Imports every certificate of a PEM bundle into the truststore, each under <label>-<n>.",
  "# The pack's sample certificate is left out wherever it comes from (a bundle, or a TLS keystore made from a",
  "# copy of wso2carbon.jks that still holds its entry): compared with $sample_certificate as base64 without its",
  "# line breaks, which one certificate's PEM texts share whatever their line length or line ends; and so is any",
  "# other certificate of the sample's key pair ($sample_key), which anyone holding a copy of the pack can present.",
  "import_bundle() {",
  '  parts="$(mktemp -d)"',
  '  awk -v prefix="$parts/cert-" \'/-----BEGIN CERTIFICATE-----/ { n++; out = prefix n ".pem" } out { print > out } /-----END CERTIFICATE-----/ { close(out); out = "" }\' "$2" ||',
  '    { echo "obkm: could not read the certificates of ${3:-$2}" >&2; exit 1; }',
  "  sample=\"$(printf '%s' \"${sample_certificate:-}\" | tr -d ' \\r\\n')\"",
  "  found=0",
  "  count=0",
  '  for pem in "$parts"/cert-*.pem; do',
  '    [ -f "$pem" ] || break',
  "    found=$((found + 1))",
  '    if [ -n "$sample" ] && [ "$(tr -d \' \\r\\n\' <"$pem")" = "$sample" ]; then',
  '      echo "obkm: the truststore leaves out the pack\'s sample certificate, which ${3:-$2} holds"',
  "      continue",
  "    fi",
  '    if [ -n "${sample_key:-}" ]; then',
  '      key="$(public_key_of <"$pem")" || { echo "obkm: could not read the public key of a certificate ${3:-$2} holds" >&2; exit 1; }',
  '      if [ "$key" = "$sample_key" ]; then',
  '        echo "obkm: the truststore leaves out a certificate of the pack\'s sample key, which ${3:-$2} holds"',
  "        continue",
  "      fi",
  "    fi",
  "    count=$((count + 1))",
  '    "$keytool" -importcert -noprompt -alias "$1-$count" -file "$pem" -keystore "$truststore" -storetype PKCS12 -storepass:file "$truststore_password" >/dev/null',
  "  done",
  '  rm -rf "$parts"',
  '  [ "$found" -gt 0 ] || { echo "obkm: ${3:-$2} holds no PEM certificate" >&2; exit 1; }',
  '  echo "obkm: the truststore trusts the $count certificate(s) of ${3:-$1}"',
  "}",
  "",
  "# Imports every certificate a keystore holds into the truststore, each under <label>-<n>: the chain of each",
  "# key entry and each trusted entry. keytool -list -rfc prints each of them as PEM, between BEGIN and END",
  "# CERTIFICATE lines, among lines of its own that import_bundle skips (sun/security/tools/keytool/Main.java",
  "# doPrintEntry and dumpCert, alike in OpenJDK 8u (ojdkbuild/lookaside_java-1.8.0-openjdk) and 17u",
  "# (openjdk/jdk17u-dev); 8u's base64 lines may end in CRLF, which keytool -importcert reads).",
  "import_keystore_certificates() {",
  '  listed="$(mktemp)"',
  '  failed="$("$keytool" -list -rfc -keystore "$2" -storetype "$3" -storepass:file "$4" 2>&1 >"$listed")" || {',
  '    echo "obkm: could not list the certificates of $5 $2: $failed" >&2',
  '    rm -f "$listed"',
  "    exit 1",
  "  }",
  '  import_bundle "$1" "$listed" "$5"',
  '  rm -f "$listed"',
  "}",
];

/**
 * `signingAliases`: what else must be a key of the signing keystore (open-banking.xml's signing certificates).
 */
export function keystoreStartSteps(mounts: KeystoreMounts, pack: PackTruststore, signingAliases: string[] = []): string[] {
  const fills: PasswordFill[] = passwordFills(mounts);
  const { signing, internal, tls } = mounts.stores;
  // One place for how the script opens a keystore: require_key and the truststore's import of the TLS
  // keystore name the same file, type and password file as the connector (catalinaKeystoreEdits) reads.
  const opened = (store: MountedKeystore) => `${mounted(store.location)} ${store.type} ${mounted(store.passwordFile)}`;
  // Every key entry the node uses, once each (the internal and TLS keystores are often the signing one), named
  // by the first role that uses it: require_key and refuse_sample_key check the same entries.
  const used = [
    ...[signing.alias, ...signingAliases].map((alias) => ({ store: signing, alias, what: "signing" })),
    { store: internal, alias: internal.alias, what: "internal" },
    { store: tls, alias: tls.alias, what: "TLS" },
  ];
  const checked = (entry: (typeof used)[number]) => `${opened(entry.store)} ${quote(entry.alias)}`;
  const required = used.filter((entry, i) => used.findIndex((e) => checked(e) === checked(entry)) === i).map((e) => `${checked(e)} ${e.what}`);
  return [
    `keys_dir="\${OBKM_KEYS:-${KEYS_MOUNT_DIR}}"`,
    "# The keystore passwords, from their Secrets, into carbon.xml and catalina-server.xml.",
    ...fills.map((f) => `fill_password ${f.file} ${quote(f.token)} ${mounted(f.passwordFile)}`),
    "",
    "# Every alias the files name is a key of its keystore, which opens with its password: a mismatch stops the",
    "# node here, with the alias, rather than inside Carbon.",
    ...required.map((entry) => `require_key ${entry}`),
    "",
    "# The truststore: the pack's certificates, less its sample one, the node's own TLS certificates, and the CA",
    "# bundles of the stack.",
    `truststore="$KM_HOME/${TRUSTSTORE_PATH}"`,
    `truststore_password=${mounted(mounts.truststorePasswordFile)}`,
    'rm -f "$truststore"',
    // The pack's truststore password is the one its carbon.xml names: published with the product.
    `imported="$("$keytool" -importkeystore -noprompt -srckeystore "$KM_HOME/${pack.path}" -srcstoretype ${pack.type} -srcstorepass ${quote(pack.password)} -destkeystore "$truststore" -deststoretype PKCS12 -deststorepass:file "$truststore_password" 2>&1)" || { echo "$imported" >&2; exit 1; }`,
    "# The pack's sample certificate, read from the copy of its truststore before it is dropped: no key the node",
    "# uses may be its, before the truststore trusts the TLS keystore's certificates and before Carbon starts. A",
    "# pack without the entry holds no sample certificate to compare or to drop.",
    `if sample_certificate="$("$keytool" -exportcert -rfc -alias ${SAMPLE_CERTIFICATE_ALIAS} -keystore "$truststore" -storetype PKCS12 -storepass:file "$truststore_password" 2>/dev/null)"; then`,
    `  sample_key="$(printf '%s\\n' "$sample_certificate" | public_key_of)" || { echo "obkm: could not read the public key of the pack's sample certificate" >&2; exit 1; }`,
    ...required.map((entry) => `  refuse_sample_key ${entry}`),
    `  "$keytool" -delete -alias ${SAMPLE_CERTIFICATE_ALIAS} -keystore "$truststore" -storetype PKCS12 -storepass:file "$truststore_password"`,
    "fi",
    "# The KM calls itself over TLS (the consent portal's server side takes its token from the KM Service on",
    "# 9446, which may answer from any node), so the truststore holds the certificates of the TLS keystore:",
    "# the key entry's chain and the trusted entries beside it (cert-manager's JKS keystore holds the issuer's",
    "# ca.crt as ca, ca-1, ...). Trusting the chain's top, the issuing CA, is what lets a node started before a",
    "# renewal trust a node that presents the renewed certificate during the rolling restart; a self-signed",
    "# certificate (a dev stack's) is its own top, so a regenerated one is trusted by the nodes started after it.",
    `import_keystore_certificates ${OWN_TLS_LABEL} ${opened(tls)} ${quote("the TLS keystore")}`,
    ...mounts.bundles.map((b) => `import_bundle ${quote(b.label)} ${mounted(b.file)}`),
    "",
  ];
}

/** The passwords the start script writes over their tokens in carbon.xml and catalina-server.xml. */
export function passwordFills(mounts: KeystoreMounts): PasswordFill[] {
  return [
    ...(["signing", "internal"] as const).map((role) => ({
      file: CARBON_XML,
      token: passwordToken(role),
      passwordFile: mounts.stores[role].passwordFile,
    })),
    { file: CARBON_XML, token: passwordToken("truststore"), passwordFile: mounts.truststorePasswordFile },
    { file: CATALINA_SERVER_XML, token: passwordToken("tls"), passwordFile: mounts.stores.tls.passwordFile },
  ];
}
