"use client";

import { useState } from "react";
import { cn } from "@/components/ui/cn";
import {
  TILE_CAPTIONS,
  TILE_FITS,
  TILE_SIZES,
  type UserPreferences,
} from "@/lib/preferences/user-preferences";

export type GridOptions = Pick<UserPreferences, "tileSize" | "tileFit" | "tileCaption">;

const LABELS: Record<string, string> = {
  small: "Small",
  medium: "Medium",
  large: "Large",
  crop: "Cropped",
  contain: "Whole image",
  prompt: "Prompt",
  seed: "Seed",
  model: "Model",
  none: "No caption",
};

function Choice<K extends keyof GridOptions>(props: {
  name: K;
  label: string;
  values: readonly GridOptions[K][];
  options: GridOptions;
  onChange: (patch: Partial<GridOptions>) => void;
}) {
  return (
    <label className="flex items-center gap-1">
      <span className="text-neutral-400">{props.label}</span>
      <select
        // The options' own text would otherwise join the accessible name ("CaptionPromptSeedModel…").
        aria-label={props.label}
        value={props.options[props.name]}
        onChange={(event) => props.onChange({ [props.name]: event.target.value } as Partial<GridOptions>)}
        className="rounded border border-neutral-700 bg-neutral-900 px-1.5 py-1"
      >
        {props.values.map((value) => (
          <option key={value} value={value}>
            {LABELS[value]}
          </option>
        ))}
      </select>
    </label>
  );
}

/**
 * Tile size, cropping and caption (saved per user), and the tap-to-select switch for touch screens. On a phone the
 * three choices fold behind "View" (a panel over the grid, so the bar keeps its height).
 */
export function GridOptionsBar({
  options,
  onChange,
  isSelectMode,
  onSelectMode,
}: {
  options: GridOptions;
  onChange: (patch: Partial<GridOptions>) => void;
  isSelectMode: boolean;
  onSelectMode: (isOn: boolean) => void;
}) {
  const [isOpen, setOpen] = useState(false);
  return (
    <div className="relative flex shrink-0 items-center gap-x-3 text-xs" data-testid="grid-options">
      <button
        type="button"
        aria-expanded={isOpen}
        aria-controls="grid-view-options"
        onClick={() => setOpen((value) => !value)}
        className="min-h-8 rounded border border-neutral-700 px-3 lg:hidden"
      >
        View
      </button>
      <div
        id="grid-view-options"
        className={cn(
          "items-center gap-x-3 lg:static lg:flex lg:border-0 lg:bg-transparent lg:p-0 lg:shadow-none",
          isOpen
            ? "absolute right-0 top-full z-30 mt-1 flex flex-col items-end gap-2 rounded border border-neutral-700 bg-neutral-900 p-3 shadow-xl lg:mt-0 lg:flex-row"
            : "hidden",
        )}
      >
        <Choice name="tileSize" label="Tiles" values={TILE_SIZES} options={options} onChange={onChange} />
        <Choice name="tileFit" label="Fit" values={TILE_FITS} options={options} onChange={onChange} />
        <Choice
          name="tileCaption"
          label="Caption"
          values={TILE_CAPTIONS}
          options={options}
          onChange={onChange}
        />
      </div>
      <button
        type="button"
        aria-pressed={isSelectMode}
        onClick={() => onSelectMode(!isSelectMode)}
        className={cn(
          "min-h-8 rounded border px-3",
          isSelectMode ? "border-sky-500 bg-sky-950 text-sky-300" : "border-neutral-700",
        )}
      >
        {isSelectMode ? "Done selecting" : "Select"}
      </button>
    </div>
  );
}
