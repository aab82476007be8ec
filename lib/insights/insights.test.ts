import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { reviews } from "@/lib/db/schema";
import { insertTestReviewer } from "@/lib/review/testing/review-fixtures";
import { createTestContext } from "@/lib/testing/test-context";
import { experimentQuerySchema } from "./experiment-input";
import { loadLibraryStats } from "./load-library-stats";
import { runExperiment } from "./run-experiment";
import { libraryStatsQuerySchema } from "./stats-input";
import { seedInsightsLibrary } from "./testing/seed-insights";

const { db } = await createTestContext();
const seeded = await seedInsightsLibrary(db, 60);

// Direct SQL, written apart from the builders under test: what each number must equal.
const direct = async <T>(text: string) => [...(await db.execute<T & Record<string, unknown>>(sql.raw(text)))];
const LIVE = "i.deleted_at is null";
type Group = { key: string; images: number; bytes: number; approved: number; rejected: number };
const groups = (key: string, from = "images i", where = LIVE) =>
  direct<Group>(`select ${key} as key, count(*)::int as images, sum(i.byte_size)::float8 as bytes,
    count(*) filter (where i.review_status = 'approved')::int as approved,
    count(*) filter (where i.review_status = 'rejected')::int as rejected
    from ${from} where ${where} group by 1`);
const byValue = (rows: { value: string | null; images: number }[]) =>
  rows
    .map(({ value, images }) => ({ value, images }))
    .sort((a, b) => String(a.value).localeCompare(String(b.value)));
const byKey = <T extends { key: string }>(rows: T[]) => [...rows].sort((a, b) => a.key.localeCompare(b.key));
const pick = (rows: { key: string; images: number; bytes: number; approved: number; rejected: number }[]) =>
  byKey(
    rows.map(({ key, images, bytes, approved, rejected }) => ({ key, images, bytes, approved, rejected })),
  );

describe("library statistics", () => {
  it("equal direct SQL for totals, every breakdown, days, throughput and storage", async () => {
    const result = await loadLibraryStats(db, libraryStatsQuerySchema.parse({ top: 200 }));
    if (!result.ok) throw new Error(result.error.message);
    const stats = result.value;
    const [totals] = await direct<{ images: number; bytes: number }>(
      `select count(*)::int as images, sum(byte_size)::float8 as bytes from images i where ${LIVE}`,
    );
    expect(stats.totals).toEqual(totals);
    expect(pick(stats.by_status)).toEqual(byKey(await groups("i.review_status")));
    expect(pick(stats.by_model)).toEqual(byKey(await groups("i.model_key")));
    expect(pick(stats.by_generator)).toEqual(byKey(await groups("i.generator")));
    expect(pick(stats.by_run)).toEqual(byKey(await groups("coalesce(i.run_id::text, '')")));
    expect(pick(stats.by_dataset)).toEqual(
      byKey(await groups("d.dataset_id::text", "images i join dataset_images d on d.image_id = i.id")),
    );
    // Two spellings of SDXL are one model, shown by its most common verbatim name.
    const sdxl = stats.by_model.find((group) => group.key === "sd_xl_base_1.0");
    expect(sdxl?.name).toMatch(/sd_xl_base_1\.0/);
    const days = await direct<{ day: string; images: number; approved: number; rejected: number }>(
      `select to_char(i.created_at at time zone 'UTC', 'YYYY-MM-DD') as day, count(*)::int as images,
        count(*) filter (where i.review_status = 'approved')::int as approved,
        count(*) filter (where i.review_status = 'rejected')::int as rejected
      from images i where ${LIVE} group by 1 order by 1`,
    );
    expect(
      stats.by_day.map(({ day, images, approved, rejected }) => ({ day, images, approved, rejected })),
    ).toEqual(days);
    expect(stats.by_day.at(-1)?.cumulative_bytes).toBe(totals?.bytes);
    const throughput = await direct<{ day: string; decisions: number }>(
      `select to_char(e.created_at at time zone 'UTC', 'YYYY-MM-DD') as day, count(*)::int as decisions
      from review_events e join images i on i.id = e.image_id
      where e.action = 'decide' and ${LIVE} group by 1 order by 1`,
    );
    expect(stats.review_throughput.map(({ day, decisions }) => ({ day, decisions }))).toEqual(throughput);
    const [storage] = await direct<{ o: number; ob: number; v: number; vb: number; t: number }>(
      `select (select count(*)::int from images) as o, (select sum(byte_size)::float8 from images) as ob,
        (select count(*)::int from image_variants) as v, (select sum(byte_size)::float8 from image_variants) as vb,
        (select count(*)::int from images where deleted_at is not null) as t`,
    );
    expect(stats.storage.originals).toEqual({ objects: storage?.o, bytes: storage?.ob });
    expect(stats.storage.variants).toEqual({ objects: storage?.v, bytes: storage?.vb });
    expect(stats.storage.trash.images).toBe(storage?.t);
  });

  it("filters through the one selection (model in another spelling, prompt word, run)", async () => {
    const filter = { model: "SD_XL_BASE_1.0.ckpt", q: seeded.word, run: seeded.runId };
    const result = await loadLibraryStats(db, libraryStatsQuerySchema.parse(filter));
    if (!result.ok) throw new Error(result.error.message);
    const [expected] = await direct<{ images: number; bytes: number }>(
      `select count(*)::int as images, sum(byte_size)::float8 as bytes from images i
      where ${LIVE} and i.model_key = 'sd_xl_base_1.0' and i.prompt like '%${seeded.word}%'
        and i.run_id = '${seeded.runId}'`,
    );
    expect(result.value.totals).toEqual(expected);
    expect(expected?.images).toBeGreaterThan(0);
  });
});

// The value of each parameter as direct SQL reads it, and the FROM that reaches it.
const PARAMETERS = {
  model: ["i.model_key", "images i"],
  lora: ["e->>'key'", "images i cross join jsonb_array_elements(i.loras) e"],
  lora_weight: [
    "(e->>'key') || '@' || (e->>'weight')",
    "images i cross join jsonb_array_elements(i.loras) e",
  ],
  sampler: ["i.sampler_key", "images i"],
  scheduler: ["lower(i.scheduler)", "images i"],
  steps: ["i.steps::text", "images i"],
  cfg: ["i.cfg_scale::text", "images i"],
  run: ["i.run_id::text", "images i"],
  generator_version: ["i.params->>'generator_version'", "images i"],
} as const;

describe("experiments", () => {
  it.each(Object.entries(PARAMETERS))(
    "%s: counts, approval, scores and critic agreement equal direct SQL",
    async (parameter, [value, from]) => {
      const result = await runExperiment(db, experimentQuerySchema.parse({ parameter, limit: 200 }));
      if (!result.ok) throw new Error(result.error.message);
      const expected = await direct<{
        value: string;
        images: number;
        approved: number;
        rejected: number;
        mean_score: number | null;
      }>(`select ${value} as value, count(*)::int as images,
        count(*) filter (where i.review_status = 'approved')::int as approved,
        count(*) filter (where i.review_status = 'rejected')::int as rejected,
        avg(i.score_avg)::float8 as mean_score
      from ${from} where ${LIVE} and ${value} is not null group by 1`);
      // Agreement: the default threshold 0.5 decides (the seeded critiques carry no decision).
      const agreement = await direct<{ value: string; agree: number; compared: number }>(
        `select ${value} as value,
        count(*) filter (where (c.score_normalized >= 0.5) = (i.review_status = 'approved'))::int as agree,
        count(*)::int as compared
      from ${from} join critiques c on c.image_id = i.id and c.is_current
      where ${LIVE} and ${value} is not null and i.review_status in ('approved', 'rejected') group by 1`,
      );
      const rows = result.value.rows;
      expect(rows.map((row) => row.value).sort()).toEqual(expected.map((row) => row.value).sort());
      for (const want of expected) {
        const row = rows.find((candidate) => candidate.value === want.value);
        expect(row).toMatchObject({ images: want.images, approved: want.approved, rejected: want.rejected });
        expect(row?.mean_score ?? null).toBeCloseTo(want.mean_score ?? 0, 10);
        const agreed = agreement.find((candidate) => candidate.value === want.value);
        expect(row?.critiques_compared).toBe(agreed?.compared ?? 0);
        if (agreed) expect(row?.critic_agreement).toBeCloseTo(agreed.agree / agreed.compared, 10);
      }
      // Ordered by the Wilson lower bound, so a small perfect bucket cannot lead on luck.
      const lows = rows.map((row) => row.approval_interval?.low ?? -1);
      expect(lows).toEqual([...lows].sort((a, b) => b - a));
    },
  );

  it("links each row to the selection filter that shows exactly its images", async () => {
    for (const parameter of Object.keys(PARAMETERS)) {
      const base = { q: seeded.word };
      const result = await runExperiment(db, experimentQuerySchema.parse({ parameter, ...base }));
      if (!result.ok) throw new Error(result.error.message);
      for (const row of result.value.rows) {
        const narrowed = await loadLibraryStats(db, libraryStatsQuerySchema.parse(row.filter));
        if (!narrowed.ok) throw new Error(narrowed.error.message);
        expect({ parameter, value: row.value, images: narrowed.value.totals.images }).toEqual({
          parameter,
          value: row.value,
          images: row.images,
        });
      }
    }
  });

  it("counts one critic's agreement against that critic's own threshold", async () => {
    await db.execute(sql`insert into critic_settings (critic, approve_threshold) values ('aesthetic', 0.75)`);
    try {
      const result = await runExperiment(
        db,
        experimentQuerySchema.parse({ parameter: "model", critic: "aesthetic", limit: 200 }),
      );
      if (!result.ok) throw new Error(result.error.message);
      const expected = await direct<{ value: string; agree: number; compared: number }>(
        `select i.model_key as value,
          count(*) filter (where (c.score_normalized >= 0.75) = (i.review_status = 'approved'))::int as agree,
          count(*)::int as compared
        from images i join critiques c on c.image_id = i.id and c.is_current and c.critic = 'aesthetic'
        where ${LIVE} and i.model_key is not null and i.review_status in ('approved', 'rejected') group by 1`,
      );
      expect(expected.length).toBeGreaterThan(0);
      for (const want of expected) {
        const row = result.value.rows.find((candidate) => candidate.value === want.value);
        expect(row?.critiques_compared).toBe(want.compared);
        expect(row?.critic_agreement).toBeCloseTo(want.agree / want.compared, 10);
      }
    } finally {
      await db.execute(sql`delete from critic_settings where critic = 'aesthetic'`);
    }
  });

  it("runs 'not yet decided by me' for the signed-in viewer, and refuses it where there is none", async () => {
    const query = experimentQuerySchema.parse({ parameter: "model", status: "unreviewed_me", limit: 200 });
    // An API key or an agent has no "me": a clear error the caller shows, never an empty experiment.
    expect(await runExperiment(db, query)).toMatchObject({ ok: false, error: { code: "invalid_request" } });

    // A reviewer who decided five of the images (their rows only: the images' statuses stay as the other tests read them).
    const viewer = await insertTestReviewer(db);
    const decidedIds = seeded.ids.slice(0, 5);
    await db
      .insert(reviews)
      .values(
        decidedIds.map((imageId) => ({ imageId, reviewerId: viewer.id, decision: "approve" as const })),
      );
    try {
      const result = await runExperiment(db, query, viewer.id);
      if (!result.ok) throw new Error(result.error.message);
      const expected = await direct<{ value: string; images: number }>(
        `select i.model_key as value, count(*)::int as images from images i
        where ${LIVE} and i.model_key is not null and not exists (select 1 from reviews r
          where r.image_id = i.id and r.reviewer_id = '${viewer.id}' and r.decision is not null)
        group by 1`,
      );
      const all = await runExperiment(db, experimentQuerySchema.parse({ parameter: "model", limit: 200 }));
      if (!all.ok) throw new Error(all.error.message);
      const total = (rows: { images: number }[]) => rows.reduce((sum, row) => sum + row.images, 0);
      expect(total(all.value.rows) - total(result.value.rows)).toBe(decidedIds.length);
      expect(byValue(result.value.rows)).toEqual(byValue(expected));
    } finally {
      await db.delete(reviews).where(eq(reviews.reviewerId, viewer.id));
    }
  });

  it("gives each row the Wilson 95% interval computed by hand from its counts", async () => {
    const result = await runExperiment(db, experimentQuerySchema.parse({ parameter: "model" }));
    if (!result.ok) throw new Error(result.error.message);
    for (const row of result.value.rows) {
      const decided = row.approved + row.rejected;
      if (decided === 0) continue;
      const p = row.approved / decided;
      const z = 1.959963984540054;
      const center = (p + (z * z) / (2 * decided)) / (1 + (z * z) / decided);
      expect(row.approval_interval?.low).toBeCloseTo(
        Math.max(
          0,
          center -
            (z / (1 + (z * z) / decided)) * Math.sqrt((p * (1 - p)) / decided + (z * z) / (4 * decided ** 2)),
        ),
        10,
      );
    }
  });
});
