const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };

/**
 * One simple property of an XMP packet, as element text (inside rdf:Alt/rdf:li when localised) or
 * as an attribute of rdf:Description. Enough for the handful of properties generators write.
 */
export function readXmpProperty(xmp: string, name: string): string | null {
  const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const element = new RegExp(`<${escaped}(?:\\s[^>]*)?>([\\s\\S]*?)</${escaped}>`).exec(xmp);
  if (element) {
    const inner = element[1] ?? "";
    const item = /<rdf:li(?:\s[^>]*)?>([\s\S]*?)<\/rdf:li>/.exec(inner);
    return decodeXml(item ? (item[1] ?? "") : inner).trim() || null;
  }
  const attribute = new RegExp(`\\s${escaped}\\s*=\\s*(?:"([^"]*)"|'([^']*)')`).exec(xmp);
  return attribute ? decodeXml(attribute[1] ?? attribute[2] ?? "") : null;
}

function decodeXml(text: string): string {
  return text.replace(/&(#x[0-9a-fA-F]+|#\d+|\w+);/g, (whole, entity: string) => {
    if (entity.startsWith("#x")) return safeCodePoint(Number.parseInt(entity.slice(2), 16), whole);
    if (entity.startsWith("#")) return safeCodePoint(Number.parseInt(entity.slice(1), 10), whole);
    return ENTITIES[entity] ?? whole;
  });
}

function safeCodePoint(codePoint: number, fallback: string): string {
  return codePoint >= 0 && codePoint <= 0x10ffff ? String.fromCodePoint(codePoint) : fallback;
}
