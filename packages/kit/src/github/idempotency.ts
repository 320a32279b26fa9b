/**
 * Whether repeating a request after a 5xx or a timeout is safe. A POST that creates something, a merge,
 * or a GraphQL mutation may have been applied before the error reached us: repeating it blindly can
 * duplicate a comment or merge twice, so those fail through to the caller, which re-reads first.
 */
export function isSafeToRepeat(method: string, route: string, graphqlQuery?: string): boolean {
  const verb = method.toUpperCase();
  const path = route.split('?')[0] ?? route;
  if (verb === 'POST' && /\/graphql$/.test(path)) {
    return graphqlQuery !== undefined && !/^\s*mutation\b/.test(stripGraphqlComments(graphqlQuery));
  }
  if (verb === 'PUT') return !/\/pulls\/[^/]+\/merge$/.test(path);
  return verb === 'GET' || verb === 'HEAD' || verb === 'DELETE' || verb === 'PATCH' || verb === 'OPTIONS';
}

function stripGraphqlComments(query: string): string {
  return query.replace(/#[^\n]*/g, '');
}
