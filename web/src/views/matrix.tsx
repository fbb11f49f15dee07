import { api, type MatrixAxis } from '../api.ts';

interface Grid {
  rows: MatrixAxis[];
  cols: MatrixAxis[];
  counts: number[];
  by: 'participant' | 'site' | 'code';
}
import { go, type Route } from '../router.ts';
import { useLoad } from '../store.ts';

type Cols = 'participants' | 'sites' | 'codes';

/**
 * Code × participant (or × site) as a heat map, or code × code co-occurrence (overlapping segments, or the same
 * speaker turn); a cell opens its segments in retrieval.
 */
export function MatrixView({ route }: { route: Route }) {
  const cols: Cols = route.params.get('cols') === 'sites' ? 'sites' : route.params.get('cols') === 'codes' ? 'codes' : 'participants';
  const scope = route.params.get('scope') === 'turn' ? 'turn' : 'overlap';
  const { data: m, error } = useLoad<Grid>(
    () =>
      cols === 'codes'
        ? api.cooccurrence({ scope }).then((c) => ({ rows: c.codes, cols: c.codes, counts: c.counts, by: 'code' as const }))
        : api.matrix({ cols }),
    [cols, scope],
  );
  if (error) return <p role="alert" class="page">{error}</p>;
  const diagonal = (i: number, j: number) => cols === 'codes' && i === j;
  const max = m ? Math.max(1, ...m.counts.filter((_, k) => !diagonal(Math.floor(k / m.cols.length), k % m.cols.length))) : 1;
  const open = (r: MatrixAxis, c: MatrixAxis) => {
    if (!m) return;
    if (m.by === 'code') go('retrieval', undefined, { code: r.id, with: c.id, scope });
    else go('retrieval', undefined, { code: r.id, [m.by === 'site' ? 'site' : 'participant']: c.id });
  };
  const unit = cols === 'codes' ? (scope === 'turn' ? 'turns with both' : 'overlapping pairs') : 'segments';
  return (
    <main class="page">
      <h1>Matrix</h1>
      <p>
        Codes by{' '}
        <select aria-label="Columns" value={cols} onChange={(e) => go('matrix', undefined, { cols: e.currentTarget.value, scope: e.currentTarget.value === 'codes' ? scope : undefined })}>
          <option value="participants">participant</option>
          <option value="sites">site</option>
          <option value="codes">code (co-occurrence)</option>
        </select>{' '}
        {cols === 'codes' && (
          <select aria-label="Co-occurring" value={scope} onChange={(e) => go('matrix', undefined, { cols, scope: e.currentTarget.value })}>
            <option value="overlap">overlapping in the text</option>
            <option value="turn">in the same speaker turn</option>
          </select>
        )}{' '}
        <span class="muted">
          ({unit} per cell{cols === 'codes' ? '; the diagonal is each code on its own' : ''}; click a cell for its segments)
        </span>
      </p>
      {m && (
        <div class="matrix-scroll" role="region" aria-label="Matrix table" tabIndex={0}>
        <table class="grid matrix">
          <thead>
            <tr>
              <th scope="col">Code</th>
              {m.cols.map((c) => (
                <th scope="col" key={c.id} class="num">
                  {c.label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {m.rows.map((r, i) => (
              <tr key={r.id}>
                <th scope="row">{r.label}</th>
                {m.cols.map((c, j) => {
                  const n = m.counts[i * m.cols.length + j];
                  if (diagonal(i, j)) {
                    return (
                      <td key={c.id} class="num cell diagonal">
                        {n > 0 ? n : ''}
                      </td>
                    );
                  }
                  const shade = n / max;
                  return (
                    <td key={c.id} class="num cell" style={{ background: `rgba(29, 78, 216, ${(shade * 0.75).toFixed(3)})`, color: shade > 0.5 ? '#fff' : undefined }}>
                      {n > 0 ? (
                        <button type="button" class="cell-button" aria-label={`${r.label} × ${c.label}: ${n} ${unit}`} onClick={() => open(r, c)}>
                          {n}
                        </button>
                      ) : (
                        ''
                      )}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
        </div>
      )}
    </main>
  );
}
