import { html, type Html } from './html';

/** A field's error, already in the page's language. */
export type FieldErrors = Record<string, string>;

interface Common {
  name: string;
  label: string;
  error?: string | undefined;
  hint?: string | undefined;
  required?: boolean;
  /** "(optional)" after the label. */
  optional?: string | undefined;
}

const id = (name: string) => `f-${name}`;
const describedBy = (o: Common) => [o.hint ? `${id(o.name)}-hint` : '', o.error ? `${id(o.name)}-error` : ''].filter(Boolean).join(' ');

function frame(o: Common, control: Html): Html {
  return html`<div class="field"><label for="${id(o.name)}">${o.label}${o.optional ? html` <span class="hint">(${o.optional})</span>` : ''}</label>
${o.hint ? html`<p class="hint" id="${id(o.name)}-hint">${o.hint}</p>` : ''}${control}
${o.error ? html`<p class="error" id="${id(o.name)}-error">${o.error}</p>` : ''}</div>`;
}

const aria = (o: Common) => {
  const by = describedBy(o);
  return html`${by ? html` aria-describedby="${by}"` : ''}${o.error ? html` aria-invalid="true"` : ''}${o.required ? html` required` : ''}`;
};

export function input(o: Common & { type?: string; value?: string | null; autocomplete?: string; inputmode?: string; maxlength?: number }): Html {
  return frame(o, html`<input type="${o.type ?? 'text'}" id="${id(o.name)}" name="${o.name}"${o.type === 'password' ? '' : html` value="${o.value ?? ''}"`}${o.autocomplete ? html` autocomplete="${o.autocomplete}"` : ''}${o.inputmode ? html` inputmode="${o.inputmode}"` : ''}${o.maxlength ? html` maxlength="${o.maxlength}"` : ''}${aria(o)}>`);
}

export function textarea(o: Common & { value?: string | null; maxlength?: number }): Html {
  return frame(o, html`<textarea id="${id(o.name)}" name="${o.name}"${o.maxlength ? html` maxlength="${o.maxlength}"` : ''}${aria(o)}>${o.value ?? ''}</textarea>`);
}

export function select(o: Common & { value?: string | null; options: Array<{ value: string; label: string }>; placeholder?: string }): Html {
  const opts = o.options.map((x) => html`<option value="${x.value}"${x.value === o.value ? html` selected` : ''}>${x.label}</option>`);
  return frame(o, html`<select id="${id(o.name)}" name="${o.name}"${aria(o)}>${o.placeholder ? html`<option value="">${o.placeholder}</option>` : ''}${opts}</select>`);
}

export function fileInput(o: Common & { accept: string }): Html {
  return frame(o, html`<input type="file" id="${id(o.name)}" name="${o.name}" accept="${o.accept}"${aria(o)}>`);
}

/** Checkboxes (`multiple`) or radio buttons, in a fieldset with its legend. */
export function choices(o: { name: string; legend: string; type: 'checkbox' | 'radio'; options: Array<{ value: string; label: string }>; checked: readonly string[]; error?: string | undefined }): Html {
  const items = o.options.map(
    (x, i) => html`<div class="choice"><input type="${o.type}" id="${id(o.name)}-${i}" name="${o.name}" value="${x.value}"${o.checked.includes(x.value) ? html` checked` : ''}${o.error ? html` aria-describedby="${id(o.name)}-error"` : ''}>
<label for="${id(o.name)}-${i}">${x.label}</label></div>`,
  );
  return html`<fieldset><legend>${o.legend}</legend>${items}${o.error ? html`<p class="error" id="${id(o.name)}-error">${o.error}</p>` : ''}</fieldset>`;
}

/** A form field's value as text: urlencoded bodies give strings, or arrays for repeated names. */
export function text(body: unknown, name: string): string {
  const v = (body as Record<string, unknown> | null | undefined)?.[name];
  const s = Array.isArray(v) ? v[0] : v;
  return typeof s === 'string' ? s.trim() : '';
}

export function list(body: unknown, name: string): string[] {
  const v = (body as Record<string, unknown> | null | undefined)?.[name];
  const all = Array.isArray(v) ? v : v === undefined ? [] : [v];
  return all.filter((x): x is string => typeof x === 'string');
}
