// Which Ingress serves a request, as ingress-nginx routes Prefix paths: a path matches a prefix whose
// /-separated elements it starts with, and the longest matching prefix among the host's Ingresses wins
// (config/ingress-paths.ts cites the controller's source).
import type { IngressManifest } from "../../plan/types";
import { Rendered } from "../../render/render";
import { objectsOf } from "./render";

export interface Route {
  ingress: string;
  /** The backend the matched path sends to. */
  backend: { service: { name: string; port: { name?: string; number?: number } } };
}

export function ingressRoute(rendered: Rendered | IngressManifest[], requestPath: string, host?: string): Route | undefined {
  const elements = (p: string) => p.split("/").filter(Boolean);
  const requested = elements(requestPath);
  let best: (Route & { length: number }) | undefined;
  for (const ingress of (Array.isArray(rendered) ? rendered : objectsOf(rendered, "Ingress")) as any[]) {
    for (const rule of ingress.spec.rules) {
      if (host !== undefined && rule.host !== host) continue;
      for (const { path, backend } of rule.http.paths) {
        const prefix = elements(path);
        const matches = prefix.every((e: string, i: number) => requested[i] === e);
        if (matches && (!best || prefix.length > best.length)) best = { ingress: ingress.metadata.name, backend, length: prefix.length };
      }
    }
  }
  return best && { ingress: best.ingress, backend: best.backend };
}
