"use client";

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

/** Tile size, cropping and caption (saved per user), and the tap-to-select switch for touch screens. */
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
  return (
    <div className="flex flex-wrap items-center gap-x-3 gap-y-2 text-xs" data-testid="grid-options">
      <Choice name="tileSize" label="Tiles" values={TILE_SIZES} options={options} onChange={onChange} />
      <Choice name="tileFit" label="Fit" values={TILE_FITS} options={options} onChange={onChange} />
      <Choice
        name="tileCaption"
        label="Caption"
        values={TILE_CAPTIONS}
        options={options}
        onChange={onChange}
      />
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
