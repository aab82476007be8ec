import { experimentSchema } from "@/lib/http/openapi/api-schemas";
import { answer, errors, queryOf, secured } from "@/lib/http/openapi/parts";
import { experimentQuerySchema } from "@/lib/insights/experiment-input";

export const operations = {
  get: {
    ...secured,
    summary:
      "Approval rate (Wilson 95% interval), mean score and critic agreement per value of a generation parameter, over any image filter (scope: read)",
    parameters: queryOf(experimentQuerySchema.shape).map((parameter) =>
      parameter.name === "parameter" ? { ...parameter, required: true } : parameter,
    ),
    responses: { "200": answer("One row per value", experimentSchema), ...errors(400, 401, 403) },
  },
};
