// The one list of /api/v1's routes. Each operation is described once, in the operations.ts beside its handler
// (route.ts); the OpenAPI document, the generated TypeScript client (clients/typescript) and the hostile-input
// suite all read this list, and api-routes.test.ts holds it equal to the route files and the methods they export.
import { buildOpenApiDocument } from "@/lib/http/openapi/build-document";
import { operations as critiques } from "./critiques/operations";
import { operations as datasetAudit } from "./datasets/[id]/audit/operations";
import { operations as captionChangeUndo } from "./datasets/[id]/caption-changes/[changeId]/undo/operations";
import { operations as captionChanges } from "./datasets/[id]/caption-changes/operations";
import { operations as captions } from "./datasets/[id]/captions/operations";
import { operations as captionsPreview } from "./datasets/[id]/captions/preview/operations";
import { operations as captionHistory } from "./datasets/[id]/images/[imageId]/caption-history/operations";
import { operations as datasetImage } from "./datasets/[id]/images/[imageId]/operations";
import { operations as datasetImages } from "./datasets/[id]/images/operations";
import { operations as datasetLineage } from "./datasets/[id]/lineage/operations";
import { operations as dataset } from "./datasets/[id]/operations";
import { operations as captionTags } from "./datasets/[id]/tags/operations";
import { operations as captionTagsPreview } from "./datasets/[id]/tags/preview/operations";
import { operations as versionExport } from "./datasets/[id]/versions/[version]/export.zip/operations";
import { operations as datasetVersions } from "./datasets/[id]/versions/operations";
import { operations as datasets } from "./datasets/operations";
import { operations as experiments } from "./experiments/operations";
import { operations as critiquesOfImage } from "./images/[id]/critiques/operations";
import { operations as image } from "./images/[id]/operations";
import { operations as purge } from "./images/[id]/purge/operations";
import { operations as restore } from "./images/[id]/restore/operations";
import { operations as handoff } from "./images/handoff.zip/operations";
import { operations as images } from "./images/operations";
import { operations as model } from "./models/[id]/operations";
import { operations as models } from "./models/operations";
import { operations as runs } from "./runs/operations";
import { operations as uploadComplete } from "./uploads/[id]/complete/operations";
import { operations as uploads } from "./uploads/operations";

/** OpenAPI path → its operations; the order is the document's. */
export const API_ROUTES = {
  "/images": images,
  "/images/{id}": image,
  "/images/{id}/critiques": critiquesOfImage,
  "/critiques": critiques,
  "/images/{id}/restore": restore,
  "/images/{id}/purge": purge,
  "/datasets": datasets,
  "/datasets/{id}": dataset,
  "/datasets/{id}/images": datasetImages,
  "/datasets/{id}/images/{imageId}": datasetImage,
  "/datasets/{id}/captions": captions,
  "/datasets/{id}/captions/preview": captionsPreview,
  "/datasets/{id}/tags": captionTags,
  "/datasets/{id}/tags/preview": captionTagsPreview,
  "/datasets/{id}/caption-changes": captionChanges,
  "/datasets/{id}/caption-changes/{changeId}/undo": captionChangeUndo,
  "/datasets/{id}/images/{imageId}/caption-history": captionHistory,
  "/datasets/{id}/audit": datasetAudit,
  "/datasets/{id}/versions": datasetVersions,
  "/datasets/{id}/versions/{version}/export.zip": versionExport,
  "/datasets/{id}/lineage": datasetLineage,
  "/models": models,
  "/models/{id}": model,
  "/images/handoff.zip": handoff,
  "/uploads": uploads,
  "/uploads/{id}/complete": uploadComplete,
  "/experiments": experiments,
  "/runs": runs,
};

/** The OpenAPI 3.1 document of /api/v1, served at /api/v1/openapi.json. */
export function openApiDocument(serverUrl: string) {
  return buildOpenApiDocument(serverUrl, API_ROUTES);
}
