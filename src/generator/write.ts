/**
 * Writes a generated organisation as an interchange document, entity by
 * entity. Nothing but the current chunk of text is held: each entity is
 * generated from (seed, index), serialised on its own line and forgotten, and
 * the writer waits for `drain` whenever the stream's buffer is full, so memory
 * stays bounded however large the organisation.
 */
import { ownedRelations } from "../interchange/document-schema.js";
import { ENTITY_ORDER } from "../model/entities.js";
import type { RelationSpec } from "../model/relations.js";
import { ChunkWriter } from "../streams/chunk-writer.js";
import { type DocumentEntry, Organisation } from "./organisation.js";
import { COLLECTIONS, type Collection, SIZES, type SizeName, totalEntities } from "./sizes.js";
import { World } from "./world.js";

export interface GenerationStats {
  size: SizeName;
  seed: number;
  /** Entities written per list. */
  entities: Record<Collection, number>;
  /** Relationships written, per relation key of the model (`Knows`, `WorksOn`, …). */
  relationships: Record<string, number>;
  totalEntities: number;
  totalRelationships: number;
  bytes: number;
}

export interface WriteOptions {
  /** Called after each entity with the number written so far and the total. */
  progress?: (done: number, total: number) => void;
}

export async function writeOrganisation(
  size: SizeName,
  seed: number,
  out: NodeJS.WritableStream,
  options: WriteOptions = {},
): Promise<GenerationStats> {
  const spec = SIZES[size];
  const organisation = new Organisation(new World(spec, seed));
  const total = totalEntities(spec);
  const stats: GenerationStats = {
    size,
    seed,
    entities: Object.fromEntries(COLLECTIONS.map((c) => [c, 0])) as Record<Collection, number>,
    relationships: {},
    totalEntities: 0,
    totalRelationships: 0,
    bytes: 0,
  };
  const writer = new ChunkWriter(out);
  try {
    await writer.add("{\n");
    for (const [position, collection] of COLLECTIONS.entries()) {
      const relations = ownedRelations(ENTITY_ORDER.find((e) => e.collection === collection)!);
      const count = spec[collection];
      await writer.add(`  ${JSON.stringify(collection)}: [\n`);
      for (let i = 0; i < count; i++) {
        const entry = organisation.entry(collection, i);
        countRelationships(relations, entry, stats);
        await writer.add(`    ${JSON.stringify(entry)}${i + 1 < count ? "," : ""}\n`);
        stats.entities[collection]++;
        stats.totalEntities++;
        options.progress?.(stats.totalEntities, total);
      }
      await writer.add(`  ]${position + 1 < COLLECTIONS.length ? "," : ""}\n`);
    }
    await writer.add("}\n");
    await writer.flush();
  } finally {
    writer.close();
  }
  stats.bytes = writer.bytes;
  return stats;
}

/** Counts the relationships an entry declares, the same way the import reads them. */
function countRelationships(relations: readonly RelationSpec[], entry: DocumentEntry, stats: GenerationStats): void {
  for (const relation of relations) {
    const value = entry[relation.document.field];
    const n = typeof value === "string" ? 1 : Array.isArray(value) ? value.length : 0;
    if (n === 0) continue;
    stats.relationships[relation.key] = (stats.relationships[relation.key] ?? 0) + n;
    stats.totalRelationships += n;
  }
}
