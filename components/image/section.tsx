import type { ReactNode } from "react";

export function Section({
  title,
  children,
  actions,
}: {
  title: string;
  children: ReactNode;
  actions?: ReactNode;
}) {
  return (
    <section className="space-y-1.5">
      <div className="flex items-center gap-2">
        <h2 className="text-xs font-medium uppercase tracking-wide text-neutral-500">{title}</h2>
        {actions}
      </div>
      {children}
    </section>
  );
}
