import { z } from "zod";
import { TAG_KINDS, type TagKind } from "@/lib/enums/tag-kinds";
import { storableString } from "@/lib/zod/storable";
import { RESERVED_REVIEW_KEYS } from "./reserved-hotkeys";

export type TagView = {
  id: string;
  name: string;
  kind: TagKind;
  color: string | null;
  hotkey: string | null;
};

const emptyToNull = (value: unknown) => (value === "" || value === undefined ? null : value);

/** What an admin sets on a tag; reviewers only ever create a bare label. */
export const tagInputSchema = z.object({
  name: storableString().trim().min(1, "name is required").max(60, "a tag name holds at most 60 characters"),
  kind: z.enum(TAG_KINDS).default("label"),
  color: z.preprocess(
    emptyToNull,
    z
      .string()
      .regex(/^#[0-9a-fA-F]{6}$/, "colour must look like #aabbcc")
      .nullable(),
  ),
  hotkey: z.preprocess(
    (value) => (typeof value === "string" ? emptyToNull(value.trim().toLowerCase()) : emptyToNull(value)),
    z
      .string()
      .regex(/^[a-z0-9]$/, "a hotkey is one letter or digit")
      .refine((key) => !RESERVED_REVIEW_KEYS.includes(key), "that key is taken by review mode")
      .nullable(),
  ),
});
export type TagInput = z.output<typeof tagInputSchema>;
