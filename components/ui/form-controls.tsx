import type { ComponentProps, InputHTMLAttributes, ReactNode, SelectHTMLAttributes } from "react";
import { cn } from "./cn";

export function Field({ label, children, hint }: { label: string; children: ReactNode; hint?: string }) {
  return (
    <div className="space-y-1 text-sm">
      {/* biome-ignore lint/a11y/noLabelWithoutControl: the control is passed as children, inside the label */}
      <label className="block space-y-1">
        <span className="text-neutral-300">{label}</span>
        {children}
      </label>
      {hint ? <span className="block text-xs text-neutral-500">{hint}</span> : null}
    </div>
  );
}

export function TextInput({ className, ...props }: InputHTMLAttributes<HTMLInputElement>) {
  return (
    <input
      className={cn(
        "w-full rounded-md border border-neutral-700 bg-neutral-900 px-3 py-2 text-neutral-100 outline-none focus:border-sky-500",
        className,
      )}
      {...props}
    />
  );
}

export function Select({ className, ...props }: SelectHTMLAttributes<HTMLSelectElement>) {
  return (
    <select
      className={cn(
        "rounded-md border border-neutral-700 bg-neutral-900 px-2 py-1.5 text-neutral-100",
        className,
      )}
      {...props}
    />
  );
}

export function Button({
  className,
  variant = "primary",
  ...props
}: ComponentProps<"button"> & { variant?: "primary" | "secondary" | "danger" }) {
  return (
    <button
      className={cn(
        "rounded-md px-3 py-2 text-sm font-medium disabled:opacity-50",
        variant === "primary" && "bg-sky-700 text-white hover:bg-sky-600",
        variant === "secondary" &&
          "border border-neutral-700 bg-neutral-900 text-neutral-200 hover:bg-neutral-800",
        variant === "danger" && "bg-red-700 text-white hover:bg-red-600",
        className,
      )}
      {...props}
    />
  );
}

export function FormMessage({ error, success }: { error?: string | null; success?: string | null }) {
  if (error)
    return (
      <p role="alert" className="text-sm text-red-400">
        {error}
      </p>
    );
  if (success)
    return (
      <p role="status" className="text-sm text-emerald-400">
        {success}
      </p>
    );
  return null;
}

/** A new password and its confirmation, as every password-setting form asks for them (12+ characters). */
export function NewPasswordFields({ label = "Password" }: { label?: string }) {
  return (
    <>
      <Field label={label} hint="At least 12 characters">
        <TextInput name="newPassword" type="password" autoComplete="new-password" required minLength={12} />
      </Field>
      <Field label={`${label} again`}>
        <TextInput
          name="confirmPassword"
          type="password"
          autoComplete="new-password"
          required
          minLength={12}
        />
      </Field>
    </>
  );
}
