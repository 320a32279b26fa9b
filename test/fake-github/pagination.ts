import { queryString, type HandlerResult, type RequestContext } from './context.js';

export const DEFAULT_PER_PAGE = 30;
export const MAX_PER_PAGE = 100;

/**
 * One page of `items`, exactly as GitHub pages: per_page (default 30, clamped to 100), page from 1,
 * and a Link header with next/last (and prev/first after page 1) built on the request's own URL.
 */
export function paginate<T>(
  context: RequestContext,
  items: T[],
  shape: (item: T) => unknown,
  status = 200,
): HandlerResult {
  const requested = Number(queryString(context.query, 'per_page') ?? DEFAULT_PER_PAGE);
  const perPage = Math.min(
    Math.max(Number.isFinite(requested) && requested > 0 ? requested : DEFAULT_PER_PAGE, 1),
    MAX_PER_PAGE,
  );
  const page = Math.max(Number(queryString(context.query, 'page') ?? 1) || 1, 1);
  const lastPage = Math.max(Math.ceil(items.length / perPage), 1);
  const slice = items.slice((page - 1) * perPage, page * perPage);
  const link = (target: number, rel: string) => {
    const url = new URL(context.url.pathname + context.url.search, context.baseUrl);
    url.searchParams.set('page', String(target));
    return `<${url.toString()}>; rel="${rel}"`;
  };
  const links: string[] = [];
  if (page > 1) links.push(link(Math.min(page - 1, lastPage), 'prev'));
  if (page < lastPage) links.push(link(page + 1, 'next'), link(lastPage, 'last'));
  if (page > 1) links.push(link(1, 'first'));
  return {
    status,
    body: slice.map(shape),
    headers: links.length > 0 ? { link: links.join(', ') } : {},
  };
}
