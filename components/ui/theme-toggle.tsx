"use client";

import { useState } from "react";
import type { UserPreferences } from "@/lib/preferences/user-preferences";
import type { SavePreferences } from "./preferences-action";

const NEXT_THEME = { system: "light", light: "dark", dark: "system" } as const;
const LABEL = { system: "Theme: system", light: "Theme: light", dark: "Theme: dark" };

/** Cycles system → light → dark: the page changes at once (color-scheme on <html>), the choice is saved behind it. */
export function ThemeToggle({ initial, save }: { initial: UserPreferences["theme"]; save: SavePreferences }) {
  const [theme, setTheme] = useState(initial);
  return (
    <button
      type="button"
      data-testid="theme-toggle"
      data-theme-choice={theme}
      onClick={() => {
        const next = NEXT_THEME[theme];
        setTheme(next);
        document.documentElement.dataset.theme = next;
        void save({ theme: next });
      }}
      className="text-left hover:text-neutral-50"
    >
      {LABEL[theme]}
    </button>
  );
}
