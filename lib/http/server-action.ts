import "server-only";
import { redirect } from "next/navigation";
import type { z } from "zod";
import type { Result } from "@/lib/result";
import type { ActionResult } from "./action-result";
import type { PartOf } from "./api-route";
import { underRequestPolicy } from "./request-policy";
import {
  checkSessionAccess,
  type SessionAccess,
  type SessionUserFor,
  underSessionFence,
} from "./session-access";

type ActionOptions = {
  /** The action's name in the request log. */
  name: string;
  access: SessionAccess;
  /** Validates the argument (or the form's fields) after the access check, so a stranger learns nothing. */
  input?: z.ZodType;
};
type FormOptions = ActionOptions & {
  /** Fields left empty are unset (an optional filter or note), not "". */
  dropEmpty?: boolean;
  /** How the form becomes the input; default `values`, one value per name (after `dropEmpty`). */
  fields?: (values: Record<string, FormDataEntryValue>, form: FormData) => unknown;
};
type ActionArgs<O extends ActionOptions> = { user: SessionUserFor<O["access"]>; input: PartOf<O, "input"> };
type Handler<O extends ActionOptions, T> = (args: ActionArgs<O>) => Promise<Result<T>>;

/**
 * The one policy for server actions (see lib/http/request-policy.ts): who is asking and whether they may
 * (`access`), then the input schema, then the handler; its typed Result becomes the ActionResult the page shows.
 */
async function runAction<O extends ActionOptions, T>(
  options: O,
  raw: unknown,
  handler: Handler<O, T>,
): Promise<ActionResult<T>> {
  const { result } = await underRequestPolicy(
    { kind: "action", name: options.name },
    async (trace) => {
      const user = await checkSessionAccess(options.access);
      if (!user.ok) return user;
      trace.principalId = user.value?.id;
      const input = options.input?.parse(raw);
      return underSessionFence(options.access, user.value, () =>
        handler({ user: user.value, input } as ActionArgs<O>),
      );
    },
    () => 200,
  );
  return result.ok ? { ok: true, data: result.value } : { ok: false, error: result.error };
}

/**
 * An action that client code calls with one argument: an object, or a FormData taken as its fields. The argument
 * is `unknown` on purpose: it arrives from the browser, so only the `input` schema may say what it is.
 */
export function action<const O extends ActionOptions, T>(options: O, handler: Handler<O, T>) {
  return (input?: unknown): Promise<ActionResult<T>> =>
    runAction(options, input instanceof FormData ? fieldsOf(input, options) : input, handler);
}

/** A `useActionState` form's action: (previous state, form) → the form's fields, parsed by `input`. */
export function stateAction<const O extends FormOptions, T>(options: O, handler: Handler<O, T>) {
  return (_previous: ActionResult<T> | null, form: FormData): Promise<ActionResult<T>> =>
    runAction(options, fieldsOf(form, options), handler);
}

/**
 * A plain `<form action>` that ends in a navigation (sign out, an OAuth round trip): it returns nothing, so a
 * caller without a session is sent to sign in, as a page would send them.
 */
export function formAction<const O extends FormOptions>(options: O, handler: Handler<O, void>) {
  return async (form: FormData): Promise<void> => {
    const result = await runAction(options, fieldsOf(form, options), handler);
    if (!result.ok && result.error.code === "unauthorized") redirect("/sign-in");
  };
}

/** The form's fields; a call made without a form (a hand-made request) has none, so validation answers it. */
function fieldsOf(form: unknown, options: FormOptions): unknown {
  if (!(form instanceof FormData)) return {};
  // React's own fields ($ACTION_…) ride along when a form is posted before hydration; they are not input.
  const entries = [...form].filter(
    ([name, value]) => !name.startsWith("$ACTION") && (!options.dropEmpty || value !== ""),
  );
  const values = Object.fromEntries(entries);
  return options.fields ? options.fields(values, form) : values;
}
