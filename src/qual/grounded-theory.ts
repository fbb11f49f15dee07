import { codePaths } from './lookup.ts';
import type { QualReader } from './store/qual-store.ts';

/** A grounded-theory model as data: ordered phases of categories, category properties, typed relationships. */
export interface GtModel {
  name: string;
  categories: {
    id: string;
    name: string;
    description: string;
    properties: { name: string; dimension: [string, string]; description: string }[];
    codes: string[];
  }[];
  phases: { id: string; name: string; position: number; categoryIds: string[] }[];
  relationships: { id: string; from: string; to: string; type: string; note: string }[];
}

export async function groundedTheoryModel(store: QualReader): Promise<GtModel> {
  const [cats, props, rels, phases, links, codes] = await Promise.all([
    store.listCategories(),
    store.listProperties(),
    store.listRelationships(),
    store.listPhases(),
    store.listCategoryCodes(),
    store.listCodes(),
  ]);
  const paths = codePaths(codes);
  return {
    name: (await store.getInfo('name')) ?? 'project',
    categories: cats.map((c) => ({
      id: c.id,
      name: c.name,
      description: c.description,
      properties: props
        .filter((p) => p.categoryId === c.id)
        .map((p) => ({ name: p.name, dimension: [p.dimensionLow, p.dimensionHigh] as [string, string], description: p.description })),
      codes: links.filter((l) => l.categoryId === c.id).map((l) => paths.get(l.codeId) ?? l.codeId),
    })),
    phases: phases.map((p) => ({ id: p.id, name: p.name, position: p.position, categoryIds: p.categoryIds })),
    relationships: rels.map((r) => ({ id: r.id, from: r.fromId, to: r.toId, type: r.type, note: r.note })),
  };
}

/**
 * The model as Graphviz DOT: one cluster per phase (left to right in phase order), a node per category (with its
 * properties and dimensions), an edge per relationship labelled with its type. Node ids are `c0, c1, …` in
 * category order so the output does not depend on generated ids.
 */
export function modelToDot(model: GtModel): string {
  const nodeId = new Map(model.categories.map((c, i) => [c.id, `c${i}`]));
  const label = (c: GtModel['categories'][number]) => {
    const lines = [c.name, ...c.properties.map((p) => `${p.name}: ${p.dimension[0]} … ${p.dimension[1]}`)];
    return lines.map(dotEscape).join('\\n');
  };
  const out: string[] = [`digraph ${dotString(model.name)} {`, '  rankdir=LR;', '  node [shape=box, style=rounded, fontname="Helvetica"];'];
  const placed = new Set<string>();
  model.phases.forEach((p, i) => {
    out.push(`  subgraph cluster_${i} {`, `    label=${dotString(p.name)};`);
    for (const cid of p.categoryIds) {
      const c = model.categories.find((x) => x.id === cid);
      if (!c || placed.has(cid)) continue;
      placed.add(cid);
      out.push(`    ${nodeId.get(cid)} [label="${label(c)}"];`);
    }
    out.push('  }');
  });
  for (const c of model.categories) if (!placed.has(c.id)) out.push(`  ${nodeId.get(c.id)} [label="${label(c)}"];`);
  for (const r of model.relationships) {
    out.push(`  ${nodeId.get(r.from)} -> ${nodeId.get(r.to)} [label=${dotString(r.type)}];`);
  }
  out.push('}');
  return out.join('\n') + '\n';
}

function dotEscape(s: string): string {
  return s.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, ' ');
}

function dotString(s: string): string {
  return `"${dotEscape(s)}"`;
}
