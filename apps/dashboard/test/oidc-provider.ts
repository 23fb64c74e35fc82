import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider from 'oidc-provider';

// A real OpenID provider for tests: oidc-provider (the OpenID-certified Node implementation) on a random
// loopback port, with its own development login and consent pages (any name signs in).

export interface TestProviderOptions {
  /** As Entra ID (roles in the ID token) or as most others (roles only at the userinfo endpoint). */
  rolesInIdToken: boolean;
  redirectUrl: string;
  clientId: string;
  clientSecret: string;
  /** Role claim values per account; read at each sign-in, so a test can change them in between. */
  rolesAt: Record<string, string[]>;
  /** The host in the issuer (default 127.0.0.1); `localhost` keeps a browser's cookies apart from a dashboard on 127.0.0.1. */
  host?: string;
}

/** Starts the provider; its server is added to `servers` for the caller to close. Returns the issuer. */
export async function startTestProvider(servers: Server[], options: TestProviderOptions): Promise<string> {
  let provider: Provider | undefined;
  const server = createServer((req, res) => provider?.callback()(req, res));
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://${options.host ?? '127.0.0.1'}:${(server.address() as AddressInfo).port}`;
  provider = new Provider(issuer, {
    clients: [
      {
        client_id: options.clientId,
        client_secret: options.clientSecret,
        redirect_uris: [options.redirectUrl],
        grant_types: ['authorization_code'],
        response_types: ['code'],
        token_endpoint_auth_method: 'client_secret_post',
      },
    ],
    pkce: { required: () => true },
    claims: { openid: ['sub'], profile: ['preferred_username', 'name', 'roles'], email: ['email'] },
    conformIdTokenClaims: !options.rolesInIdToken,
    findAccount: (_ctx, id) => ({
      accountId: id,
      claims: () => ({ sub: id, preferred_username: id, roles: options.rolesAt[id] ?? [] }),
    }),
    cookies: { keys: [randomBytes(16).toString('hex')] },
    // Explicit lifetimes (seconds) keep the provider from printing a notice for each default.
    ttl: { Interaction: 600, Session: 3600, Grant: 3600, AccessToken: 600, IdToken: 600 },
  });
  return issuer;
}
