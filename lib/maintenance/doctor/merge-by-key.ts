import type { ListedObject } from "@/lib/storage/objects";

export type Paired<Row> = { key: string; row?: Row; object?: ListedObject };

/** Byte order of the keys' UTF-8, the order S3 lists in and Postgres sorts `collate "C"` in. */
function compareKeys(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, "utf8"), Buffer.from(b, "utf8"));
}

/**
 * Walks two key-sorted streams side by side, like `comm`: each key once, with the row, the object or both. Only the
 * two current items are held, so memory does not grow with the bucket. A stream out of order would make every later
 * key look missing, so it stops the walk instead.
 */
export async function* mergeByKey<Row extends { objectKey: string }>(
  rows: AsyncIterable<Row>,
  objects: AsyncIterable<ListedObject>,
): AsyncGenerator<Paired<Row>> {
  const rowIterator = inOrder(rows, (row) => row.objectKey, "database")[Symbol.asyncIterator]();
  const objectIterator = inOrder(objects, (object) => object.key, "bucket listing")[Symbol.asyncIterator]();
  let row = await rowIterator.next();
  let object = await objectIterator.next();
  while (!row.done || !object.done) {
    const order = row.done ? 1 : object.done ? -1 : compareKeys(row.value.objectKey, object.value.key);
    if (order < 0 && !row.done) {
      yield { key: row.value.objectKey, row: row.value };
      row = await rowIterator.next();
    } else if (order > 0 && !object.done) {
      yield { key: object.value.key, object: object.value };
      object = await objectIterator.next();
    } else if (!row.done && !object.done) {
      yield { key: object.value.key, row: row.value, object: object.value };
      row = await rowIterator.next();
      object = await objectIterator.next();
    }
  }
}

async function* inOrder<T>(
  items: AsyncIterable<T>,
  keyOf: (item: T) => string,
  what: string,
): AsyncGenerator<T> {
  let previous: string | undefined;
  for await (const item of items) {
    const key = keyOf(item);
    if (previous !== undefined && compareKeys(previous, key) >= 0) {
      throw new Error(
        `the ${what} is not in byte order (${previous} before ${key}); cannot compare as a merge`,
      );
    }
    previous = key;
    yield item;
  }
}
