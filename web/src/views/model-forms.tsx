import { useState } from 'preact/hooks';
import { newId, type FamilyCommand, type GtModel } from '../api.ts';
import { state } from '../store.ts';

/**
 * The model's editing forms, one command each (undoable): a relationship, a category, a property with its
 * dimension, a phase, and a category moved into a phase. A refused command (a duplicate name) shows in the
 * shell's error bar and leaves the form as it was.
 */
export function ModelForms({ model }: { model: GtModel }) {
  return (
    <div class="model-forms">
      <RelationshipForm model={model} />
      <CategoryForm />
      <PropertyForm model={model} />
      <PhaseForm />
      <MoveForm model={model} />
    </div>
  );
}

function CategorySelect(props: { label: string; model: GtModel; value: string; onChange: (id: string) => void }) {
  return (
    <label>
      {props.label}{' '}
      <select value={props.value} onChange={(e) => props.onChange(e.currentTarget.value)}>
        <option value="">(category)</option>
        {props.model.categories.map((c) => (
          <option key={c.id} value={c.id}>
            {c.name}
          </option>
        ))}
      </select>
    </label>
  );
}

function nameOf(model: GtModel, id: string): string {
  return model.categories.find((c) => c.id === id)?.name ?? id;
}

function RelationshipForm({ model }: { model: GtModel }) {
  const [from, setFrom] = useState('');
  const [type, setType] = useState('');
  const [to, setTo] = useState('');
  const submit = async (e: Event) => {
    e.preventDefault();
    if (!from || !to || !type.trim()) return state.say('Choose both categories and type the relationship');
    const ok = await state.run({ type: 'relationship.create', fromId: from, toId: to, relation: type.trim() }, `${nameOf(model, from)} ${type.trim()} ${nameOf(model, to)}`);
    if (ok !== undefined) setType('');
  };
  return (
    <form class="row-form" onSubmit={submit} aria-label="New relationship">
      <CategorySelect label="From" model={model} value={from} onChange={setFrom} />
      <label>
        Relationship <input value={type} onInput={(e) => setType(e.currentTarget.value)} placeholder="e.g. leads to" size={12} />
      </label>
      <CategorySelect label="To" model={model} value={to} onChange={setTo} />
      <button type="submit">Add relationship</button>
    </form>
  );
}

function CategoryForm() {
  const [name, setName] = useState('');
  const submit = async (e: Event) => {
    e.preventDefault();
    const n = name.trim();
    if (!n) return;
    const ok = await state.run({ type: 'category.create', id: newId(), name: n }, `Created category ${n}`);
    if (ok !== undefined) setName('');
  };
  return (
    <form class="row-form" onSubmit={submit} aria-label="New category">
      <label>
        New category <input value={name} onInput={(e) => setName(e.currentTarget.value)} placeholder="name" />
      </label>
      <button type="submit">Create category</button>
    </form>
  );
}

function PropertyForm({ model }: { model: GtModel }) {
  const [category, setCategory] = useState('');
  const [name, setName] = useState('');
  const [low, setLow] = useState('');
  const [high, setHigh] = useState('');
  const submit = async (e: Event) => {
    e.preventDefault();
    const n = name.trim();
    if (!category || !n) return state.say('Choose a category and name the property');
    const ok = await state.run(
      { type: 'category.addProperty', categoryId: category, name: n, dimensionLow: low.trim(), dimensionHigh: high.trim() },
      `Added the property ${n} to ${nameOf(model, category)}`,
    );
    if (ok !== undefined) (setName(''), setLow(''), setHigh(''));
  };
  return (
    <form class="row-form" onSubmit={submit} aria-label="New property">
      <CategorySelect label="Property of" model={model} value={category} onChange={setCategory} />
      <label>
        Property <input value={name} onInput={(e) => setName(e.currentTarget.value)} placeholder="name" size={9} />
      </label>
      <label>
        Low <input value={low} onInput={(e) => setLow(e.currentTarget.value)} size={7} />
      </label>
      <label>
        High <input value={high} onInput={(e) => setHigh(e.currentTarget.value)} size={7} />
      </label>
      <button type="submit">Add property</button>
    </form>
  );
}

function PhaseForm() {
  const [name, setName] = useState('');
  const submit = async (e: Event) => {
    e.preventDefault();
    const n = name.trim();
    if (!n) return;
    const ok = await state.run({ type: 'phase.create', name: n }, `Created phase ${n}`);
    if (ok !== undefined) setName('');
  };
  return (
    <form class="row-form" onSubmit={submit} aria-label="New phase">
      <label>
        New phase <input value={name} onInput={(e) => setName(e.currentTarget.value)} placeholder="name" />
      </label>
      <button type="submit">Create phase</button>
    </form>
  );
}

/** Moves a category into one phase (at its end), out of any other; "(no phase)" takes it out of all. One batch. */
function MoveForm({ model }: { model: GtModel }) {
  const [category, setCategory] = useState('');
  const [phase, setPhase] = useState('');
  const submit = async (e: Event) => {
    e.preventDefault();
    if (!category) return state.say('Choose a category to move');
    const commands: FamilyCommand[] = [];
    for (const p of model.phases) {
      const has = p.categoryIds.includes(category);
      if (p.id === phase && !has) commands.push({ type: 'phase.setCategories', phaseId: p.id, categoryIds: [...p.categoryIds, category] });
      if (p.id !== phase && has) commands.push({ type: 'phase.setCategories', phaseId: p.id, categoryIds: p.categoryIds.filter((c) => c !== category) });
    }
    if (commands.length === 0) return;
    const where = model.phases.find((p) => p.id === phase)?.name;
    await state.run(commands.length === 1 ? commands[0] : { type: 'batch', commands }, where ? `Moved ${nameOf(model, category)} into ${where}` : `Took ${nameOf(model, category)} out of its phases`);
  };
  return (
    <form class="row-form" onSubmit={submit} aria-label="Move a category">
      <CategorySelect label="Move" model={model} value={category} onChange={setCategory} />
      <label>
        into{' '}
        <select value={phase} onChange={(e) => setPhase(e.currentTarget.value)}>
          <option value="">(Unplaced)</option>
          {[...model.phases]
            .sort((a, b) => a.position - b.position)
            .map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
        </select>
      </label>
      <button type="submit">Move</button>
    </form>
  );
}
