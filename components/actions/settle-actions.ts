import type { ActionResult } from "@/lib/http/wrappers/action-result";

// A server action called from the browser rejects, rather than answering, when the request or its answer is lost
// (the network, a server restarting, a deployment that no longer has the action): an awaited call would throw past
// the code that undoes an optimistic change or clears a "Saving…", and leave the screen claiming what the server
// never said. Settled actions answer such a call as a failed result, which every caller already handles.
const NO_ANSWER = {
  ok: false,
  error: {
    code: "internal_error",
    message:
      "The server did not answer (the connection or a restart): this may not have been saved. Try again.",
  },
} as const satisfies ActionResult<never>;

type Action = (...args: never[]) => Promise<ActionResult<unknown>>;

// One settled function per action, so a hook that depends on it (an effect, a callback) sees the same function on
// every render, however often the page hands the bundle down again (a new bundle object each time).
const settledOf = new WeakMap<Action, Action>();

/** The action, answering a call whose request or answer was lost as a failed result instead of throwing. */
export function settled<F extends Action>(action: F): F {
  const known = settledOf.get(action);
  if (known) return known as F;
  const wrapped = (async (...args: Parameters<F>) => {
    try {
      return await action(...args);
    } catch {
      return NO_ANSWER;
    }
  }) as F;
  settledOf.set(action, wrapped);
  return wrapped;
}
