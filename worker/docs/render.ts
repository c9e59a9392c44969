import { type ApiDocument, operationsOf } from './document';
import { curlExamples, renderExample } from './examples';
import { escapeHtml as e, inline, operationId } from './html';
import { renderIntro } from './intro';
import { renderOperation } from './operation';
import { DOCS_CSS } from './styles';

/** Options of the docs page: the origin its curl examples call. */
export interface RenderOptions {
  baseUrl?: string;
}

type Entry = ReturnType<typeof operationsOf>[number];

/** Operations grouped by their first tag, in the order of the document's `tags`, untagged last. */
export function groupByTag(doc: ApiDocument): { tag: string; description: string; ops: Entry[] }[] {
  const groups = new Map<string, Entry[]>();
  for (const t of doc.tags ?? []) groups.set(t.name, []);
  for (const entry of operationsOf(doc)) {
    const tag = entry.op.tags?.[0] ?? 'other';
    groups.set(tag, [...(groups.get(tag) ?? []), entry]);
  }
  return [...groups]
    .filter(([, ops]) => ops.length > 0)
    .map(([tag, ops]) => ({
      tag,
      description: doc.tags?.find((t) => t.name === tag)?.description ?? '',
      ops,
    }));
}

function toc(groups: ReturnType<typeof groupByTag>): string {
  const items = groups.map(
    (g) =>
      `<h2><a href="#tag-${e(g.tag)}">${e(g.tag)}</a></h2><ul>` +
      g.ops
        .map(
          ({ method, path, op }) =>
            `<li><a href="#${e(operationId(method, path))}" title="${e(op.summary ?? '')}">` +
            `<span class="m">${e(method.toUpperCase())}</span><code>${e(path).replaceAll('/', '/<wbr>')}</code></a></li>`,
        )
        .join('') +
      '</ul>',
  );
  return (
    '<nav aria-label="Contents"><h2><a href="#auth">Authentication</a></h2><h2><a href="#conventions">Conventions</a></h2>' +
    `<h2><a href="#errors">Errors</a></h2>${items.join('')}</nav>`
  );
}

/** Per tag: a table of contents entry as `METHOD /path` with its summary, then each operation in full. */
function body(groups: ReturnType<typeof groupByTag>, doc: ApiDocument, baseUrl: string): string {
  const examples = curlExamples(baseUrl);
  return groups
    .map(
      (g) =>
        `<h2 class="group-title" id="tag-${e(g.tag)}">${e(g.tag)}</h2><p class="tag-intro">${inline(g.description)}</p>` +
        '<ul class="toc">' +
        g.ops
          .map(
            ({ method, path, op }) =>
              `<li><a href="#${e(operationId(method, path))}"><code>${e(method.toUpperCase())} ${e(path)}</code></a> — ` +
              `${inline(op.summary ?? '')}</li>`,
          )
          .join('') +
        '</ul>' +
        g.ops
          .map(({ method, path, op }) =>
            renderOperation(
              method,
              path,
              op,
              doc,
              renderExample(examples[`${method.toUpperCase()} ${path}`]),
            ),
          )
          .join(''),
    )
    .join('');
}

/** The whole docs page: self-contained, script-free, every string from the document escaped. */
export function renderDocsHtml(
  doc: ApiDocument,
  { baseUrl = 'https://support.example' }: RenderOptions = {},
): string {
  const groups = groupByTag(doc);
  return (
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${e(doc.info.title)} reference</title>` +
    `<meta name="viewport" content="width=device-width, initial-scale=1"><style>${DOCS_CSS}</style></head>` +
    `<body><div class="layout">${toc(groups)}<main>${renderIntro(doc)}${body(groups, doc, baseUrl)}</main></div></body></html>`
  );
}
