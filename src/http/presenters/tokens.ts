// API tokens as their owners and admins list them: never the token or its hash, which are
// answered once, when made.

import type { ApiTokenListing } from "../../core/user.js";

export interface TokenJson {
  id: string;
  label: string;
  user: { id: string; name: string; email: string };
  createdAt: string;
  revokedAt?: string;
}

export function presentToken(token: ApiTokenListing): TokenJson {
  const json: TokenJson = {
    id: token.id,
    label: token.label,
    user: { id: token.owner.id, name: token.owner.name, email: token.owner.email },
    createdAt: token.createdAt,
  };
  if (token.revokedAt) json.revokedAt = token.revokedAt;
  return json;
}
