import "server-only";
import { redirect } from "next/navigation";
import type { z } from "zod";
import { err, ok, type Result } from "@/lib/result";
import { findNonPlainValue } from "../doors/argument-values";
import type { ActionResult } from "./action-result";
import type { PartOf } from "./api-route";
import { type HandlerContext, handlerContext } from "./handler-context";
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
type ActionArgs<O extends ActionOptions> = {
  /** The stores (lib/http/wrappers/handler-context.ts), each made on first use. */
  ctx: HandlerContext;
  user: SessionUserFor<O["access"]>;
  input: PartOf<O, "input">;
};
type Handler<O extends ActionOptions, T> = (args: ActionArgs<O>) => Promise<Result<T>>;

/**
 * The one policy for server actions (see lib/http/wrappers/request-policy.ts): who is asking and whether they may
 * (`access`), then what the caller sent (`read`, refused with invalid_request when it is not what the action
 * takes), then the input schema, then the handler, given the request's context (its stores); its typed Result
 * becomes the ActionResult the page shows.
 */
async function runAction<O extends ActionOptions, T>(
  options: O,
  read: () => Result<unknown>,
  handler: Handler<O, T>,
): Promise<ActionResult<T>> {
  const { result } = await underRequestPolicy(
    { kind: "action", name: options.name },
    async (trace) => {
      const user = await checkSessionAccess(options.access);
      if (!user.ok) return user;
      trace.principalId = user.value?.id;
      const raw = read();
      if (!raw.ok) return raw;
      const input = options.input?.parse(raw.value);
      return underSessionFence(options.access, user.value, () =>
        handler({ ctx: handlerContext(), user: user.value, input } as ActionArgs<O>),
      );
    },
    () => 200,
  );
  return result.ok ? { ok: true, data: result.value } : { ok: false, error: result.error };
}

/**
 * An action that client code calls with one argument: plain data, or a FormData taken as its fields; an action
 * without an `input` schema is called with none. The argument is `unknown` on purpose: it arrives from the
 * browser, so only the `input` schema may say what it is.
 */
export function action<const O extends ActionOptions, T>(options: O, handler: Handler<O, T>) {
  return (...args: [input?: unknown]): Promise<ActionResult<T>> =>
    runAction(options, () => argumentOf(args, options), handler);
}

/** A `useActionState` form's action: (previous state, form) → the form's fields, parsed by `input`. */
export function stateAction<const O extends FormOptions, T>(options: O, handler: Handler<O, T>) {
  return (...args: [previous: ActionResult<T> | null, form: FormData]): Promise<ActionResult<T>> =>
    runAction(options, () => formFieldsOf(args, 2, options), handler);
}

/**
 * A plain `<form action>` that ends in a navigation (sign out, an OAuth round trip): it returns nothing, so a
 * caller without a session is sent to sign in, as a page would send them.
 */
export function formAction<const O extends FormOptions>(options: O, handler: Handler<O, void>) {
  return async (...args: [form: FormData]): Promise<void> => {
    const result = await runAction(options, () => formFieldsOf(args, 1, options), handler);
    if (!result.ok && result.error.code === "unauthorized") redirect("/sign-in");
  };
}

// What the caller sent is checked, not trusted: React decodes a request body into promises, Maps, Dates and more
// (lib/http/doors/argument-values.ts), and a hand-made request can pass any of them, or more arguments than the
// page ever sends. A promise would pass a schema of optional fields as "no input", and an action with no schema
// would run with anything at all.
const refuse = (message: string) => err("invalid_request", message);

function argumentOf(args: unknown[], options: ActionOptions): Result<unknown> {
  if (args.length > 1) return refuse(`This action takes one argument, not ${args.length}`);
  const [argument] = args;
  if (argument instanceof FormData) return fieldsOf(argument, options);
  if (!options.input) return argument === undefined ? ok(undefined) : refuse("This action takes no input");
  const foreign = findNonPlainValue(argument);
  return foreign ? refuse(`This action takes plain data, not values of type ${foreign}`) : ok(argument);
}

/** The form, the last of `arity` arguments (a state action's first is its previous state, which it ignores). */
function formFieldsOf(args: unknown[], arity: number, options: FormOptions): Result<unknown> {
  const form = args[arity - 1];
  if (args.length !== arity || !(form instanceof FormData)) return refuse("This action takes a form");
  return fieldsOf(form, options);
}

/** The form's fields as the input; a form for an action without an `input` schema has none. */
function fieldsOf(form: FormData, options: FormOptions): Result<unknown> {
  // React's own fields ($ACTION_…) ride along when a form is posted before hydration; they are not input.
  const entries = [...form].filter(
    ([name, value]) => !name.startsWith("$ACTION") && (!options.dropEmpty || value !== ""),
  );
  if (!options.input) return entries.length === 0 ? ok(undefined) : refuse("This action takes no fields");
  const values = Object.fromEntries(entries);
  return ok(options.fields ? options.fields(values, form) : values);
}
