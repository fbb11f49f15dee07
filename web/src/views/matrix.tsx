import { api } from '../api.ts';
import { go, type Route } from '../router.ts';
import { useLoad } from '../store.ts';

/** Code × participant (or × site) as a heat map; a cell opens its segments in retrieval. */
export function MatrixView({ route }: { route: Route }) {
  const cols = route.params.get('cols') === 'sites' ? 'sites' : 'participants';
  const { data: m, error } = useLoad(() => api.matrix({ cols }), [cols]);
  if (error) return <p role="alert" class="page">{error}</p>;
  const max = m ? Math.max(1, ...m.counts) : 1;
  return (
    <main class="page">
      <h1>Matrix</h1>
      <p>
        Codes by{' '}
        <select aria-label="Columns" value={cols} onChange={(e) => go('matrix', undefined, { cols: e.currentTarget.value })}>
          <option value="participants">participant</option>
          <option value="sites">site</option>
        </select>{' '}
        <span class="muted">(segments per cell; click a cell for its segments)</span>
      </p>
      {m && (
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
                  const shade = n / max;
                  return (
                    <td key={c.id} class="num cell" style={{ background: `rgba(29, 78, 216, ${(shade * 0.75).toFixed(3)})`, color: shade > 0.5 ? '#fff' : undefined }}>
                      {n > 0 ? (
                        <button type="button" class="cell-button" aria-label={`${r.label} × ${c.label}: ${n} segments`} onClick={() => go('retrieval', undefined, { code: r.id, [m.by === 'site' ? 'site' : 'participant']: c.id })}>
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
      )}
    </main>
  );
}
