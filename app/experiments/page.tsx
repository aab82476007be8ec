import type { Metadata } from "next";
import { CollapsibleFilters } from "@/components/gallery/collapsible-filters";
import { ExperimentResults } from "@/components/insights/experiment-results";
import { SelectionForm } from "@/components/insights/selection-form";
import { Field, FormMessage, Select } from "@/components/ui/form-controls";
import { requireUser } from "@/lib/auth/session/session";
import { getDb } from "@/lib/db/get-db";
import { hasRole } from "@/lib/enums/roles";
import { parseImageSelection } from "@/lib/images/selection/image-filter";
import {
  EXPERIMENT_PARAMETER_LABELS,
  EXPERIMENT_PARAMETERS,
  type ExperimentParameter,
  experimentQuerySchema,
} from "@/lib/insights/experiment-input";
import { runExperiment } from "@/lib/insights/run-experiment";

export const metadata: Metadata = { title: "Experiments" };

export default async function ExperimentsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const user = await requireUser("viewer");
  const params = await searchParams;
  const { sort: _sort, ...filter } = parseImageSelection(params);
  const asked = Array.isArray(params.parameter) ? params.parameter[0] : params.parameter;
  const parameter: ExperimentParameter = EXPERIMENT_PARAMETERS.find((name) => name === asked) ?? "model";
  const result = await runExperiment(getDb(), experimentQuerySchema.parse({ ...filter, parameter }), user.id);
  return (
    <section className="mx-auto max-w-6xl space-y-6">
      <h1 className="text-2xl font-semibold">Experiments</h1>
      <p className="text-sm text-neutral-500">
        Which value of a generation parameter gets approved? Rows are ordered by the lower bound of the
        approval rate's Wilson 95% interval, so a value needs many approvals, not just a lucky few, to lead.{" "}
        <a className="underline" href="/stats">
          Statistics
        </a>
      </p>
      <CollapsibleFilters
        id="experiment-filters"
        isFiltered={Object.values(filter).some((value) => value !== undefined)}
        summary={<span className="text-neutral-400">Comparing {EXPERIMENT_PARAMETER_LABELS[parameter]}</span>}
      >
        <SelectionForm action="/experiments" filter={filter}>
          <Field label="Compare">
            <Select name="parameter" defaultValue={parameter}>
              {EXPERIMENT_PARAMETERS.map((name) => (
                <option key={name} value={name}>
                  {EXPERIMENT_PARAMETER_LABELS[name]}
                </option>
              ))}
            </Select>
          </Field>
        </SelectionForm>
      </CollapsibleFilters>
      {/* A filter the experiment cannot answer is said as such, never drawn as an empty table. */}
      {result.ok ? (
        <ExperimentResults experiment={result.value} canReview={hasRole(user.role, "reviewer")} />
      ) : (
        <FormMessage error={`No experiment for this view: ${result.error.message}`} />
      )}
    </section>
  );
}
