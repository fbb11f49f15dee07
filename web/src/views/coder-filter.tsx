import { api } from '../api.ts';
import { useLoad } from '../store.ts';

/** A "Coder" select of a filter form: the project's coders by name, "(all)" for none. */
export function CoderFilter({ value, onChange }: { value: string; onChange: (name: string) => void }) {
  const { data: coders } = useLoad(() => api.coders(), []);
  return (
    <label>
      Coder{' '}
      <select value={value} onChange={(e) => onChange(e.currentTarget.value)}>
        <option value="">(all)</option>
        {(coders ?? []).map((c) => (
          <option key={c.id} value={c.name}>
            {c.name}
          </option>
        ))}
      </select>
    </label>
  );
}
