"use client";

import { useRouter } from "next/navigation";
import type { FormEvent, ReactNode } from "react";

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
  return (
    <form action={action} method="get" onSubmit={submit} className={className}>
      {children}
    </form>
  );
}
