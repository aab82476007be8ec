"use client";

import { useActionState } from "react";
import { Button, FormMessage, Select } from "@/components/ui/form-controls";
import { USER_ROLES_BY_RANK } from "@/lib/enums/roles";
import { changeRoleAction, setUserDisabledAction } from "./actions";

export function RoleForm({ userId, email, role }: { userId: string; email: string; role: string }) {
  const [state, action, isPending] = useActionState(changeRoleAction, null);
  return (
    <form action={action} className="flex flex-wrap items-center gap-2">
      <input type="hidden" name="userId" value={userId} />
      <Select name="role" defaultValue={role} aria-label={`Role of ${email}`}>
        {USER_ROLES_BY_RANK.map((option) => (
          <option key={option} value={option}>
            {option}
          </option>
        ))}
      </Select>
      <Button type="submit" variant="secondary" disabled={isPending}>
        Save
      </Button>
      <FormMessage error={state && !state.ok ? state.error.message : null} />
    </form>
  );
}

export function DisableForm({ userId, isDisabled }: { userId: string; isDisabled: boolean }) {
  const [state, action, isPending] = useActionState(setUserDisabledAction, null);
  return (
    <form action={action}>
      <input type="hidden" name="userId" value={userId} />
      <input type="hidden" name="disabled" value={isDisabled ? "false" : "true"} />
      <Button type="submit" variant={isDisabled ? "secondary" : "danger"} disabled={isPending}>
        {isDisabled ? "Enable" : "Disable"}
      </Button>
      <FormMessage error={state && !state.ok ? state.error.message : null} />
    </form>
  );
}
