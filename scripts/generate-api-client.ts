// `npm run clients:generate`: writes clients/typescript/schema.d.ts from the OpenAPI document (see render-schema.ts).
import { writeFile } from "node:fs/promises";
import path from "node:path";
import { renderSchemaTypes } from "../clients/typescript/render-schema";

const target = path.resolve(import.meta.dirname, "../clients/typescript/schema.d.ts");
await writeFile(target, await renderSchemaTypes());
console.log(`wrote ${path.relative(process.cwd(), target)}`);
