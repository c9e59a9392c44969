import type { ComponentChildren } from 'preact';

const FOCUSABLE = 'button:not([disabled]),input:not([disabled]),textarea,select,a[href],[tabindex="0"]';

/**
 * A modal dialog sheet: a labelled header (title, "My requests", language switch, close) above its
 * children (the form: a body that scrolls on its own and a footer always in view). Traps Tab inside
 * and closes on Escape. The header's buttons are compact 44 px targets at every width; the title
 * beside them takes two lines: what it is, then the organisation's name, smaller (each line is cut
 * with an ellipsis when too narrow; the full text stays the dialog's name and its tooltip).
 */
export function Dialog(props: {
  title: string;
  /** The organisation's name, shown on the title's second line; part of the dialog's name. */
  org?: string | undefined;
  closeLabel: string;
  onClose: () => void;
  /** The other language's name, in that language, and its code for `lang`. */
  lang: [string, string];
  onLang: () => void;
  left: boolean;
  /** "My requests": its name and what opens it, shown as an icon button when given. */
  requests?: [string, () => void] | false;
  /** The body and the footer (the form, so Enter submits it). */
  children: ComponentChildren;
}) {
  const onKeyDown = (e: KeyboardEvent) => {
    const dialog = e.currentTarget as HTMLElement;
    if (e.key === 'Escape') {
      e.preventDefault();
      props.onClose();
      return;
    }
    if (e.key !== 'Tab') return;
    const items = [...dialog.querySelectorAll<HTMLElement>(FOCUSABLE)];
    const first = items[0];
    const last = items[items.length - 1];
    const active = (dialog.getRootNode() as ShadowRoot).activeElement;
    if (e.shiftKey && (active === first || !dialog.contains(active))) {
      e.preventDefault();
      last?.focus();
    } else if (!e.shiftKey && active === last) {
      e.preventDefault();
      first?.focus();
    }
  };
  return (
    <div class={props.left ? 'backdrop left' : 'backdrop'}>
      <div class="dialog" role="dialog" aria-modal="true" aria-labelledby="k-title" onKeyDown={onKeyDown}>
        <header>
          <h2 id="k-title" title={props.org ? `${props.title} · ${props.org}` : props.title}>
            {props.title}
            {props.org && (
              <small>
                <span class="sr"> · </span>
                {props.org}
              </small>
            )}
          </h2>
          {props.requests && (
            <button
              type="button"
              class="close"
              aria-label={props.requests[0]}
              title={props.requests[0]}
              onClick={props.requests[1]}
            >
              {/* a speech bubble (its inner rectangle runs the other way: an outline); requests are conversations */}
              <svg width="22" viewBox="0 0 24 24" fill="currentColor" aria-hidden="true">
                <path d="M3 6h18v12H10l-7 5zm2 2v8h14V8z" />
              </svg>
            </button>
          )}
          {/* "Bahasa Indonesia" shows as its last word; the name stays whole (label in name) */}
          <button
            type="button"
            class="link"
            lang={props.lang[1]}
            aria-label={props.lang[0]}
            onClick={props.onLang}
          >
            {props.lang[0].split(' ').pop()}
          </button>
          <button type="button" class="close" aria-label={props.closeLabel} onClick={props.onClose}>
            ×
          </button>
        </header>
        {props.children}
      </div>
    </div>
  );
}
