import { BlockList, isIP } from "node:net";
import type { TrustProxy } from "@/lib/config";

/**
 * The client's address as far as TRUST_PROXY lets us know it; null when unknown. Forwarding headers are
 * written by whoever sent the request, so only the entries our own proxies appended count: X-Forwarded-For
 * is read from the right, where each proxy adds the address it saw.
 */
export function clientIpOf(headers: Headers, trust: TrustProxy): string | null {
  if (trust.kind === "vercel") return addressOrNull(headers.get("x-real-ip"));
  const chain = (headers.get("x-forwarded-for") ?? "").split(",").map((entry) => entry.trim());
  // none: `npm start`'s server replaces the header with the connecting address (see scripts/serve-app.ts).
  if (trust.kind === "none") return addressOrNull(chain.at(-1));
  // A chain shorter than the proxies in front of us did not come through them.
  if (trust.kind === "hops") return chain.length >= trust.hops ? addressOrNull(chain.at(-trust.hops)) : null;
  const proxies = blockListOf(trust.cidrs);
  for (let index = chain.length - 1; index >= 0; index -= 1) {
    const address = addressOrNull(chain[index]);
    if (!address) return null;
    if (index === 0 || !isInList(proxies, address)) return address;
  }
  return null;
}

function addressOrNull(candidate: string | null | undefined): string | null {
  const address = candidate?.trim() ?? "";
  return isIP(address) === 0 ? null : address;
}

const blockLists = new WeakMap<readonly string[], BlockList>();

function blockListOf(cidrs: readonly string[]): BlockList {
  let list = blockLists.get(cidrs);
  if (!list) {
    list = new BlockList();
    for (const cidr of cidrs) {
      const [address = "", prefix] = cidr.split("/");
      const type = isIP(address) === 6 ? "ipv6" : "ipv4";
      if (prefix === undefined) list.addAddress(address, type);
      else list.addSubnet(address, Number(prefix), type);
    }
    blockLists.set(cidrs, list);
  }
  return list;
}

function isInList(list: BlockList, address: string): boolean {
  return list.check(address, isIP(address) === 6 ? "ipv6" : "ipv4");
}
