/**
 * Tokenises A1111's settings line: `Key: value, Key: "quoted, value", Hashes: {"json": 1}`.
 * A1111 json-quotes values holding commas, colons or newlines (processing.py `quote`); Civitai
 * appends `Hashes: {…}` and `Civitai resources: […]` unquoted, so brackets are matched too.
 */
export function parseSettingsLine(line: string): [string, string][] {
  const pairs: [string, string][] = [];
  let index = 0;
  while (index < line.length) {
    while (index < line.length && (line[index] === " " || line[index] === ",")) index += 1;
    const colon = line.indexOf(":", index);
    if (colon < 0) break;
    const key = line.slice(index, colon).trim();
    if (!/^[\w][\w \-/().+#]*$/u.test(key)) break;
    index = colon + 1;
    while (line[index] === " ") index += 1;
    const end = findValueEnd(line, index);
    pairs.push([key, unquote(line.slice(index, end).trim())]);
    index = end;
  }
  return pairs;
}

function findValueEnd(line: string, start: number): number {
  const first = line[start];
  if (first === '"') {
    const close = skipQuoted(line, start);
    const comma = line.indexOf(",", close);
    return comma < 0 ? line.length : comma;
  }
  if (first === "{" || first === "[") return skipBracketed(line, start);
  const comma = line.indexOf(",", start);
  return comma < 0 ? line.length : comma;
}

function skipQuoted(line: string, quote: number): number {
  let index = quote + 1;
  while (index < line.length) {
    if (line[index] === "\\") index += 2;
    else if (line[index] === '"') return index + 1;
    else index += 1;
  }
  return line.length;
}

function skipBracketed(line: string, start: number): number {
  let depth = 0;
  let index = start;
  while (index < line.length) {
    const char = line[index];
    if (char === '"') {
      index = skipQuoted(line, index);
      continue;
    }
    if (char === "{" || char === "[") depth += 1;
    else if (char === "}" || char === "]") {
      depth -= 1;
      if (depth === 0) return index + 1;
    }
    index += 1;
  }
  return line.length;
}

function unquote(value: string): string {
  if (value.length < 2 || !value.startsWith('"') || !value.endsWith('"')) return value;
  try {
    const parsed: unknown = JSON.parse(value);
    return typeof parsed === "string" ? parsed : value;
  } catch {
    return value.slice(1, -1);
  }
}
