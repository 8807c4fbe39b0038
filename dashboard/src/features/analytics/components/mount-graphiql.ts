import { GraphiQL, type GraphiQLProps } from 'graphiql';
import 'graphiql/style.css';
import { createElement } from 'react';
import { createRoot } from 'react-dom/client';

export interface GraphiQLOptions {
  token: () => string | null;
  tabs: readonly { query: string }[];
}

/** Mounts GraphiQL (React) into a Vue-owned element; returns the unmount. Bundled: no CDN on an intranet. */
export function mountGraphiQL(element: HTMLElement, options: GraphiQLOptions): () => void {
  const fetcher: GraphiQLProps['fetcher'] = async (params) => {
    const token = options.token();
    const response = await fetch('/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify(params),
    });
    return response.json();
  };
  const root = createRoot(element);
  root.render(
    createElement(GraphiQL, {
      fetcher,
      defaultTabs: options.tabs.map((tab) => ({ query: tab.query })),
      visiblePlugin: 'Documentation Explorer',
      defaultEditorToolsVisibility: true,
      forcedTheme: 'light',
      shouldPersistHeaders: false,
    }),
  );
  return () => root.unmount();
}
