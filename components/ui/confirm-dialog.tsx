"use client";

import { type ReactNode, useEffect, useId, useRef } from "react";
import { Button } from "./form-controls";

/**
 * A question that must be answered before a change to many images: a modal alert dialog whose confirm button
 * says what will happen ("Approve 65"). Esc or Cancel leaves everything as it was.
 */
export function ConfirmDialog({
  title,
  children,
  confirmLabel,
  variant = "primary",
  isBusy = false,
  onConfirm,
  onCancel,
}: {
  title: string;
  children?: ReactNode;
  confirmLabel: string;
  variant?: "primary" | "danger";
  isBusy?: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const id = useId();
  const confirm = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    const previous = document.activeElement as HTMLElement | null;
    confirm.current?.focus();
    return () => previous?.focus({ preventScroll: true });
  }, []);
  return (
    <div className="fixed inset-0 z-[60] flex items-center justify-center bg-black/60 p-4">
      <div
        role="alertdialog"
        aria-modal="true"
        aria-labelledby={`${id}-title`}
        aria-describedby={`${id}-body`}
        onKeyDown={(event) => {
          if (event.key !== "Escape") return;
          event.stopPropagation();
          onCancel();
        }}
        className="w-full max-w-sm space-y-4 rounded-lg border border-neutral-700 bg-neutral-900 p-4 shadow-2xl"
      >
        <h2 id={`${id}-title`} className="text-base font-semibold">
          {title}
        </h2>
        <div id={`${id}-body`} className="space-y-2 text-sm text-neutral-300">
          {children}
        </div>
        <div className="flex justify-end gap-2">
          <Button type="button" variant="secondary" onClick={onCancel}>
            Cancel
          </Button>
          <Button ref={confirm} type="button" variant={variant} disabled={isBusy} onClick={onConfirm}>
            {confirmLabel}
          </Button>
        </div>
      </div>
    </div>
  );
}
