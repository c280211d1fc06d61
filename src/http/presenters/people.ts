// Newsroom people as the API describes them: the signed-in user, colleagues in the byline
// picker, and the admins' user list. Password hashes never leave through here.

import type { NewsroomUser } from "../../core/user.js";

export interface UserJson {
  id: string;
  email: string;
  name: string;
  role: NewsroomUser["role"];
  title?: string;
  avatar?: string;
  /** True while the password is a temporary one an admin set. */
  mustChangePassword: boolean;
  disabled: boolean;
  createdAt: string;
}

/** The signed-in user as the session answers describe them. */
export function presentSessionUser(
  user: NewsroomUser,
): Pick<UserJson, "id" | "email" | "name" | "role" | "mustChangePassword" | "title" | "avatar"> {
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    role: user.role,
    mustChangePassword: user.mustChangePassword === true,
    ...(user.title ? { title: user.title } : {}),
    ...(user.avatar ? { avatar: user.avatar } : {}),
  };
}

/** A colleague as the composer's byline picker lists them. */
export function presentContributor(user: NewsroomUser): {
  id: string;
  name: string;
  title?: string;
  avatar?: string;
} {
  return {
    id: user.id,
    name: user.name,
    ...(user.title ? { title: user.title } : {}),
    ...(user.avatar ? { avatar: user.avatar } : {}),
  };
}

export function presentUser(user: NewsroomUser): UserJson {
  return {
    ...presentSessionUser(user),
    disabled: Boolean(user.disabledAt),
    createdAt: user.createdAt,
  };
}
