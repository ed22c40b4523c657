// The proxy options the nodes are given, read by a real JVM's default ProxySelector (Debian's OpenJDK 17;
// KM 1.4 runs on Java 8, whose reading of the same properties tests/egress.test.ts models): the internet goes
// through the proxy, the cluster's and the bank's own names never do.
import { execFileSync } from "child_process";
import * as path from "path";
import { objectOf, render } from "../helpers/render";
import { CHILD_TIMEOUT_MS } from "./java";

it("the JVM sends the internet calls to the proxy and the in-cluster and bank calls directly", async () => {
  const r = await render(["httpProxy.host=proxy.bank.example", "httpProxy.port=3128", "httpProxy.nonProxyHosts[0]=*.bank.internal"], "prod");
  const env = objectOf(r, "StatefulSet", "obkm-km").spec.template.spec.containers[0].env;
  const options: string = env.find((e: any) => e.name === "OBKM_PROXY_JAVA_OPTS").value;
  const urls = {
    "https://keystore.openbankingtest.org.uk/0015800001041REAAY/jwks.json": "HTTP proxy.bank.example/<unresolved>:3128",
    "http://directory.example.org/x": "HTTP proxy.bank.example/<unresolved>:3128",
    "https://km.openbanking.bank.example/commonauth": "DIRECT",
    "https://gw.openbanking.bank.example:8243/token": "DIRECT",
    "https://obkm-km.openbanking-km.svc.cluster.local:9446/services/": "DIRECT",
    "https://obkm-km-0.obkm-km-headless.openbanking-km.svc.cluster.local:9446/": "DIRECT",
    "https://obkm-km:9446/": "DIRECT",
    "https://localhost:9446/": "DIRECT",
    "https://127.0.0.1:9446/": "DIRECT",
    "https://ldap.bank.internal/": "DIRECT",
  };
  // As wso2server.sh passes them: $JAVA_OPTS split at whitespace.
  const out = execFileSync("java", [...options.split(/\s+/), path.join(__dirname, "java", "ProxyOracle.java"), ...Object.keys(urls)], {
    encoding: "utf8",
    timeout: CHILD_TIMEOUT_MS,
  });
  const picked = Object.fromEntries(
    out
      .trim()
      .split("\n")
      .map((line) => [line.slice(0, line.indexOf(" ")), line.slice(line.indexOf(" ") + 1)]),
  );
  expect(picked).toEqual(urls);
});
