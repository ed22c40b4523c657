// The forward proxy needs its host and its port together: the JVM would otherwise fall back to port 80 for
// http and 443 for https (DefaultProxySelector.defaultPort), which is rarely where a bank's proxy listens.
import { Failed, Parsed } from "./parsed";
import { fullKey, showValue } from "./problems";

export function proxyProblems(parsed: Parsed, failed: Failed): string[] {
  if (failed("httpProxy.host", "httpProxy.port") || !parsed["httpProxy.host"] || parsed["httpProxy.port"] !== 0) return [];
  return [
    `${fullKey(["httpProxy.port"])}: got 0 with ${fullKey(["httpProxy.host"])} ${showValue(parsed["httpProxy.host"])}; expected the proxy's port, from 1 to 65535`,
  ];
}
