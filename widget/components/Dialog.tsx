import type { ComponentChildren } from 'preact';

const FOCUSABLE = 'button:not([disabled]),input:not([disabled]),textarea,select,a[href],[tabindex="0"]';

/**
 * A modal dialog sheet: a labelled header (title, language switch, close) above its children (the
 * form: a body that scrolls on its own and a footer always in view). Traps Tab inside and closes
 * on Escape.
 */
export function Dialog(props: {
  title: string;
  closeLabel: string;
  onClose: () => void;
  /** The other language's name, in that language, and its code for `lang`. */
  lang: [string, string];
  onLang: () => void;
  left: boolean;
  /** More header actions before the language switch ("My requests"). */
  extra?: ComponentChildren;
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
          <h2 id="k-title">{props.title}</h2>
          {props.extra}
          <button type="button" class="link" lang={props.lang[1]} onClick={props.onLang}>
            {props.lang[0]}
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
