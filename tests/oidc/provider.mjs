// A real OpenID Connect provider on loopback for the single sign-on tests (node-oidc-provider).
// Configured by the environment: PORT, CLIENT_ID, CLIENT_SECRET, REDIRECT_URI. Prints "ready" once listening.
// Any login is accepted at the provider's own login form; the login is the account's e-mail address, which the
// provider says it verified, unless the login is "unverified:" then the address (email_verified: false).
import Provider from "oidc-provider";

const { PORT, CLIENT_ID, CLIENT_SECRET, REDIRECT_URI } = process.env;
const issuer = `http://127.0.0.1:${PORT}`;

const provider = new Provider(issuer, {
  clients: [
    {
      client_id: CLIENT_ID,
      client_secret: CLIENT_SECRET,
      redirect_uris: [REDIRECT_URI],
      response_types: ["code"],
      grant_types: ["authorization_code"],
      token_endpoint_auth_method: "client_secret_post",
    },
  ],
  // ProConnect's scopes and claims: usual_name is the last name.
  claims: {
    openid: ["sub"],
    email: ["email", "email_verified"],
    given_name: ["given_name"],
    usual_name: ["usual_name"],
  },
  scopes: ["openid", "email", "given_name", "usual_name"],
  pkce: { required: () => false },
  features: { devInteractions: { enabled: true } },
  cookies: { keys: ["test-only-cookie-key"] },
  async findAccount(ctx, id) {
    const unverified = id.startsWith("unverified:");
    const email = unverified ? id.slice("unverified:".length) : id;
    return {
      accountId: id,
      async claims() {
        return { sub: id, email, email_verified: !unverified, given_name: "Camille", usual_name: "Martin" };
      },
    };
  },
});

// Errors go to stderr, which the tests show when a round trip fails.
provider.on("server_error", (ctx, error) => console.error(error));

provider.listen(Number(PORT), "127.0.0.1", () => {
  console.log("ready");
});
