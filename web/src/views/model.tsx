import { api, type GtModel } from '../api.ts';
import { state, useLoad } from '../store.ts';
import { ModelDiagram } from './model-diagram.tsx';
import { ModelForms } from './model-forms.tsx';
import { SaturationPlot } from './saturation-plot.tsx';

/**
 * The grounded-theory model: the diagram (phases as columns, categories as boxes, relationships as arrows), the
 * relationships in words (with delete), the forms that change the model, and the saturation curve under them.
 * Reloads on every change, this tab's or another's.
 */
export function ModelView() {
  const { data: model, error } = useLoad(() => api.model(), []);
  const { data: saturation } = useLoad(() => api.saturation(), []);
  if (error) return <p role="alert" class="page">{error}</p>;
  return (
    <main class="page model-page">
      <h1>Model</h1>
      {model && (
        <a class="skip-link" href="#model-rels" onClick={skipDiagram}>
          Skip the diagram: to the relationships and the forms
        </a>
      )}
      {!model ? (
        <p aria-busy="true">Loading the model…</p>
      ) : (
        <>
          <ModelDiagram model={model} />
          <div class="model-below">
            <RelationshipTable model={model} />
            <section aria-labelledby="model-edit">
              <h2 id="model-edit">Change the model</h2>
              <ModelForms model={model} />
            </section>
          </div>
        </>
      )}
      {saturation && (
        <section aria-labelledby="model-saturation-h">
          <h2 id="model-saturation-h">Saturation: distinct codes as documents are coded</h2>
          {saturation.length ? <SaturationPlot points={saturation} /> : <p class="hint">No documents yet.</p>}
        </section>
      )}
    </main>
  );
}

/**
 * The skip link's jump past the diagram (whose category boxes hold many buttons and lists) to its text alternative:
 * the focus moves to the Relationships heading, with the forms after it; the hash route is left as it is.
 */
function skipDiagram(e: MouseEvent): void {
  e.preventDefault();
  const target = document.getElementById('model-rels');
  target?.focus();
  target?.scrollIntoView({ block: 'start' });
}

/** The diagram's text alternative: every relationship as "A — type → B", each with its delete button. */
function RelationshipTable({ model }: { model: GtModel }) {
  const name = (id: string) => model.categories.find((c) => c.id === id)?.name ?? id;
  return (
    <section aria-labelledby="model-rels">
      <h2 id="model-rels" tabIndex={-1}>
        Relationships
      </h2>
      {model.relationships.length === 0 ? (
        <p class="hint">No relationships yet.</p>
      ) : (
        <ul class="relationships">
          {model.relationships.map((r) => {
            const text = `${name(r.from)} — ${r.type} → ${name(r.to)}`;
            return (
              <li key={r.id}>
                <span>{text}</span>{' '}
                <button
                  type="button"
                  class="link"
                  aria-label={`Delete the relationship ${text}`}
                  onClick={() => void state.remove(`Delete the relationship ${text}?`, { type: 'relationship.delete', id: r.id }, `Deleted the relationship ${text}`)}
                >
                  delete
                </button>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
