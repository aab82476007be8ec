import { expect, type Locator, type Page } from "@playwright/test";
import { makePng, STAMP } from "./review-ui-support";
import { waitForDerived } from "./support";

// Helpers of the desk specs (issue 26): seed images with chosen metadata, read the grid's rows.

export type SeedMetadata = { prompt: string; model?: string; loras?: { name: string; weight: number }[] };

let calls = 0;

/**
 * Posts `count` distinct images with the given metadata (seed = 2000 + index); returns their ids in order. Each
 * call paints with its own odd blue value (the other specs' are even); makePng's random corner keeps every post's
 * bytes its own, whichever worker process posts it.
 */
export async function seedImages(
  page: Page,
  key: string,
  count: number,
  metadata: SeedMetadata,
): Promise<string[]> {
  calls += 1;
  const colour = (calls * 2 + 1) % 256;
  const ids: string[] = [];
  for (let index = 0; index < count; index += 1) {
    const posted = await page.request.post("/api/v1/images", {
      headers: { authorization: `Bearer ${key}` },
      multipart: {
        file: { name: `d${index}.png`, mimeType: "image/png", buffer: await makePng(index, false, colour) },
        metadata: JSON.stringify({ ...metadata, seed: 2000 + index, steps: 25 }),
      },
    });
    expect(posted.status()).toBe(201);
    ids.push(((await posted.json()) as { id: string }).id);
  }
  // Thumbnails and perceptual hashes are a worker's, made after each 201: the specs look at both.
  await waitForDerived(page, key, ids);
  return ids;
}

/** A word no other spec's prompt holds, so a prompt search finds only this spec's images. */
export const word = (name: string) => `${name}${STAMP}`;

/** The grid's tiles grouped by their rendered row (same top edge), each row left to right. */
export async function gridRows(page: Page): Promise<{ id: string; box: Box }[][]> {
  const tiles = await page.getByTestId("gallery-tile").all();
  const placed: { id: string; box: Box }[] = [];
  for (const tile of tiles) {
    const box = await tile.boundingBox();
    const id = await tile.getAttribute("data-tile-id");
    if (box && id) placed.push({ id, box });
  }
  const rows = new Map<number, { id: string; box: Box }[]>();
  for (const tile of placed) {
    const top = Math.round(tile.box.y);
    rows.set(top, [...(rows.get(top) ?? []), tile]);
  }
  return [...rows.entries()]
    .sort(([a], [b]) => a - b)
    .map(([, row]) => row.sort((a, b) => a.box.x - b.box.x));
}

type Box = { x: number; y: number; width: number; height: number };

export async function selectedIds(page: Page): Promise<string[]> {
  return page
    .locator("[data-testid=gallery-tile][data-selected]")
    .evaluateAll((tiles) => tiles.map((tile) => tile.getAttribute("data-tile-id") ?? ""));
}

export async function topOf(locator: Locator): Promise<number> {
  const box = await locator.boundingBox();
  if (!box) throw new Error("not laid out");
  return box.y;
}
