import type { ApolloServerPlugin } from '@apollo/server';
import { localeFromHeader } from '../messages/render.js';
import type { Context } from './context.js';
import { localizeErrors } from './errors.js';

/** Refusals in the language the request asks for (Accept-Language: zh-CN by default, en). */
export const messagesPlugin: ApolloServerPlugin<Context> = {
  async requestDidStart({ request }) {
    const locale = localeFromHeader(request.http?.headers.get('accept-language'));
    return {
      async willSendResponse({ response }) {
        if (response.body.kind === 'single' && response.body.singleResult.errors) {
          response.body.singleResult.errors = localizeErrors(response.body.singleResult.errors, locale);
        }
      },
    };
  },
};
