import { Validator } from "@seriousme/openapi-schema-validator";
import { describe, expect, it } from "vitest";
import { imageSelectionSchema } from "@/lib/images/selection/image-filter";
import { openApiDocument } from "./api-routes";

describe("the OpenAPI document", () => {
  const document = openApiDocument("https://lightbox.example.com");

  it("is a valid OpenAPI 3.1 document", async () => {
    const validator = new Validator();
    const result = await validator.validate(document);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(validator.version).toBe("3.1");
  });

  it("documents the ingest metadata and the image selection, generated from the routes' zod schemas", () => {
    const metadata =
      document.paths["/images"].post.requestBody.content["multipart/form-data"].schema.properties.metadata;
    expect(Object.keys(metadata.properties ?? {})).toEqual(
      expect.arrayContaining(["prompt", "negative_prompt", "seed", "loras", "run", "tags"]),
    );
    const list = document.paths["/images"].get.parameters;
    expect(list.map((parameter) => parameter.name).sort()).toEqual(
      [...Object.keys(imageSelectionSchema.shape), "cursor", "limit"].sort(),
    );
    expect(list.find((parameter) => parameter.name === "tag")?.description).toContain("given it as a reason");
    const schemaOf = (operation: { requestBody: { content: Record<string, { schema: unknown }> } }) =>
      JSON.parse(JSON.stringify(operation.requestBody.content["application/json"]?.schema));
    const critique = schemaOf(document.paths["/images/{id}/critiques"].post);
    expect(critique.properties.scale.enum).toEqual(["0-1", "1-5", "1-10", "0-100"]);
    expect(critique.required).toEqual(["critic", "critic_version", "score", "scale"]);
    expect(schemaOf(document.paths["/critiques"].post).properties.items.maxItems).toBe(500);
  });
});
