import { mightBeServerReferenceId } from "next/dist/shared/lib/server-reference-info";
import type { AppError } from "@/lib/result";

// How a request names the server action it calls: the Next-Action header (a fetch from the page), or the
// `$ACTION_ID_<id>` / `$ACTION_REF_<n>` fields of a form posted without JavaScript. Next answers a name that
// cannot be an action id with a bare 400 of its own and logs a warning with a stack for each ("The Server
// Reference ID did not match the expected format", "Invalid Server Actions request"): these are refused first,
// with the same status, by the rules Next applies (lib/http/doors/guard-request.ts). A well-formed id that is
// not in this build is left to Next: its 409 tells a page from an older deployment to reload.

const NOT_AN_ACTION_HEADER: AppError = {
  code: "invalid_request",
  message: "The Next-Action header does not name a server action",
};
const NOT_AN_ACTION_FORM: AppError = {
  code: "invalid_request",
  message: "A form posted to a page must name a server action",
};
/** Next takes the bound arguments of at most two references: the form's action and its submit button's. */
const MAX_ACTION_REFERENCES = 2;
const DESCRIPTOR_PREFIX = '{"id":"';

/** Why the Next-Action header cannot name an action, or null (no header, or one of the right form). */
export function findActionHeaderProblem(headers: Headers): AppError | null {
  const actionId = headers.get("next-action");
  return actionId === null || mightBeServerReferenceId(actionId) ? null : NOT_AN_ACTION_HEADER;
}

/** Why a form posted without JavaScript names no action, or one no action can have; or null. */
export function findFormActionNameProblem(form: FormData): AppError | null {
  let references = 0;
  let namesAnAction = false;
  for (const key of form.keys()) {
    if (key.startsWith("$ACTION_ID_")) {
      if (!mightBeServerReferenceId(key.slice("$ACTION_ID_".length))) return NOT_AN_ACTION_FORM;
      namesAnAction = true;
    } else if (key.startsWith("$ACTION_REF_")) {
      references += 1;
      const descriptors = form.getAll(`$ACTION_${key.slice("$ACTION_REF_".length)}:0`);
      if (references > MAX_ACTION_REFERENCES || descriptors.length !== 1) return NOT_AN_ACTION_FORM;
      if (!isActionDescriptor(descriptors[0])) return NOT_AN_ACTION_FORM;
      namesAnAction = true;
    }
  }
  return namesAnAction ? null : NOT_AN_ACTION_FORM;
}

/** `{"id":"<action id>",…}`, read as Next reads it: the id is everything up to the next quote. */
function isActionDescriptor(descriptor: FormDataEntryValue | undefined): boolean {
  if (typeof descriptor !== "string" || !descriptor.startsWith(DESCRIPTOR_PREFIX)) return false;
  const end = descriptor.indexOf('"', DESCRIPTOR_PREFIX.length);
  return end !== -1 && mightBeServerReferenceId(descriptor.slice(DESCRIPTOR_PREFIX.length, end));
}
