"use client";

import { useRouter } from "next/navigation";
import type { ChangeEvent, FormEvent, ReactNode } from "react";

/** A GET form that leaves empty fields out of the URL, so a shared view's link says only what it filters. */
export function CleanGetForm({
  action,
  className,
  children,
}: {
  action: string;
  className?: string;
  children: ReactNode;
}) {
  const router = useRouter();
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const params = new URLSearchParams();
    for (const [name, value] of new FormData(event.currentTarget)) {
      if (typeof value === "string" && value.trim() !== "" && !(name === "sort" && value === "newest"))
        params.set(name, value.trim());
    }
    const search = params.toString();
    router.push(search ? `${action}?${search}` : action);
  };
  // A new sort reorders the view the user is looking at: it applies at once, with no Apply click.
  const applySort = (event: ChangeEvent<HTMLFormElement>) => {
    if ((event.target as HTMLElement & { name?: string }).name === "sort")
      event.currentTarget.requestSubmit();
  };
  return (
    <form action={action} method="get" onSubmit={submit} onChange={applySort} className={className}>
      {children}
    </form>
  );
}
