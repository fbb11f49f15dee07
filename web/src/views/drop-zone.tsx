import type { ComponentChildren } from 'preact';
import { useRef, useState } from 'preact/hooks';

/**
 * A drop zone with a file chooser beside it (the keyboard's way in): files dropped or chosen go to `onFiles`. The
 * chooser's input is hidden and out of the tab order; its button opens it.
 */
export function DropZone(props: { accept: string; multiple?: boolean; busy?: boolean; inputLabel: string; buttonLabel?: string; onFiles: (files: FileList | null) => void; children: ComponentChildren }) {
  const [over, setOver] = useState(false);
  const chooser = useRef<HTMLInputElement>(null);
  return (
    <div
      class={over ? 'drop-zone over' : 'drop-zone'}
      onDragOver={(e) => (e.preventDefault(), setOver(true))}
      onDragLeave={() => setOver(false)}
      onDrop={(e) => {
        e.preventDefault();
        setOver(false);
        props.onFiles(e.dataTransfer?.files ?? null);
      }}
    >
      {props.children}{' '}
      <button type="button" onClick={() => chooser.current?.click()} disabled={props.busy}>
        {props.buttonLabel ?? 'choose files…'}
      </button>
      <input
        ref={chooser}
        type="file"
        multiple={props.multiple}
        accept={props.accept}
        class="sr-only"
        tabIndex={-1}
        aria-label={props.inputLabel}
        onChange={(e) => props.onFiles(e.currentTarget.files)}
      />
    </div>
  );
}
